// Turkish mail texts, for accounts whose locale is Turkish. Plain words for parents; German terms
// the portal and the Kitas use stay in brackets.
import type { Role } from '../../../src/lib/domain/roles';
import { plural } from './plural';
import type { MailLocale } from './types';

const roleNames: Record<Role, string> = {
	parent: 'veli',
	staff: 'kreş çalışanı',
	childminding: 'gündüz bakımı danışmanlık birimi (Fachberatung)',
	admin: 'yönetim'
};

// Turkish has no plural after numbers ("60 dakika"); the helper keeps the mails alike.
const minutes = (n: number) => plural('tr', n, { other: '# dakika' });
const hours = (n: number) => plural('tr', n, { other: '# saat' });

export const tr: MailLocale = {
	greeting: (name) => `Merhaba ${name},`,
	closing: ['Saygılarımızla', 'Kreis Soest Kita-Portal'],
	footer:
		'Bu e-posta Kreis Soest Kita-Portal (deneme ortamı) tarafından otomatik olarak gönderildi. Lütfen bu e-postayı yanıtlamayın.',
	templates: {
		confirm: (p) => ({
			subject: 'Lütfen e-posta adresinizi onaylayın',
			blocks: [
				{ text: "Kreis Soest Kita-Portal'a kaydolduğunuz için teşekkür ederiz." },
				{ text: 'Lütfen e-posta adresinizi bu bağlantıyla onaylayın:' },
				{ link: p.confirmUrl, label: 'E-posta adresini onayla' },
				{
					text: `Güvenlik nedeniyle bağlantı ${minutes(p.minutes)} geçerlidir ve yalnızca bir kez kullanılabilir. Tıklayınca çalışmazsa bağlantıyı kopyalayıp tarayıcınızın adres çubuğuna yapıştırın.`
				},
				{ text: 'Bağlantının süresi mi doldu? Bu ikinci bağlantıyla yenisini alırsınız:' },
				{ link: p.resendUrl, label: 'Yeni onay bağlantısı iste' },
				{ text: 'Kaydolmadıysanız bu e-postayı dikkate almayabilirsiniz.' }
			]
		}),
		alreadyRegistered: (p) => ({
			subject: "Kita-Portal'a kayıt",
			blocks: [
				{
					text: "Birisi e-posta adresinizle Kita-Portal'da yeni bir hesap oluşturmaya çalıştı. Bu adres için zaten bir hesap var."
				},
				{ text: 'Bu sizseniz lütfen şifrenizle giriş yapın:' },
				{ link: p.loginUrl, label: 'Veli girişi (Eltern-Login)' },
				{ text: 'Şifrenizi mi unuttunuz? Yeni bir bağlantıyı buradan isteyin:' },
				{ link: p.forgotUrl, label: 'Şifremi unuttum' },
				{ text: 'Bu siz değilseniz bu e-postayı dikkate almayabilirsiniz. Hesabınız değişmedi.' }
			]
		}),
		reset: (p) => ({
			subject: 'Kita-Portal için yeni şifre',
			blocks: [
				{ text: 'Kita-Portal hesabınız için yeni bir şifre istediniz.' },
				{ text: 'Yeni şifrenizi bu bağlantıyla belirleyin:' },
				{ link: p.resetUrl, label: 'Yeni şifre belirle' },
				{
					text: `Bağlantı ${minutes(p.minutes)} geçerlidir ve yalnızca bir kez kullanılabilir. Ardından tüm cihazlarda oturumunuz kapanır ve yeni şifreyle giriş yaparsınız.`
				},
				{ text: 'Yeni şifre istemediyseniz bu e-postayı dikkate almayabilirsiniz.' }
			]
		}),
		invite: (p) => ({
			subject: "Kreis Soest Kita-Portal'a davet",
			blocks: [
				{ text: `Kreis Soest Kita-Portal'a davet edildiniz (rol: ${roleNames[p.role]}).` },
				{ text: 'Şifrenizi bu bağlantıyla belirleyin:' },
				{ link: p.inviteUrl, label: 'Şifre belirle' },
				{
					text: `Bağlantı ${hours(p.hours)} geçerlidir. İlk girişte bir doğrulama uygulamasıyla iki adımlı girişi kurarsınız.`
				}
			]
		}),
		changeEmail: (p) => ({
			subject: 'Lütfen yeni e-posta adresinizi onaylayın',
			blocks: [
				{
					text: 'Bu e-posta adresini Kita-Portal hesabınız için kullanmak istiyorsunuz. Adres ancak bu bağlantıyla onayladığınızda geçerli olur:'
				},
				{ link: p.confirmUrl, label: 'Yeni e-posta adresini onayla' },
				{ text: `Bağlantı ${minutes(p.minutes)} geçerlidir ve yalnızca bir kez kullanılabilir.` },
				{ text: 'Bunu siz istemediyseniz bu e-postayı dikkate almayabilirsiniz.' }
			]
		}),
		emailChanged: (p) => ({
			subject: 'E-posta adresiniz değiştirildi',
			blocks: [
				{
					text: 'Kita-Portal hesabınızın e-posta adresi değiştirildi. Portalın mesajları artık yeni adrese gider.'
				},
				{
					text: "Bunu siz yapmadıysanız lütfen Kreis Soest Gençlik Dairesi'ne (Jugendamt) başvurun ve şifrenizi sıfırlayın:"
				},
				{ link: p.forgotUrl, label: 'Şifremi unuttum' }
			]
		}),
		passwordChanged: (p) => ({
			subject: 'Şifreniz değiştirildi',
			blocks: [
				{ text: 'Kita-Portal hesabınızın şifresi az önce değiştirildi.' },
				{ text: 'Bu siz değilseniz şifrenizi hemen sıfırlayın:' },
				{ link: p.forgotUrl, label: 'Şifremi unuttum' }
			]
		}),
		registration: (p) => ({
			subject: `${p.number} numaralı kaydınızın onayı`,
			blocks: [
				{
					text: `${p.child} için yaptığınız kayıt Kreis Soest Kita-Portal'a ulaştı (kayıt numarası ${p.number}, ${p.submittedAt}).`
				},
				{ text: `Kayıt seçtiğiniz şu kreşlere gönderildi:\n${p.kitas.map((k) => `– ${k}`).join('\n')}` },
				{
					text: 'Bu e-posta ve portaldaki belge, bakım ihtiyacınızı bildirdiğinizi onaylar (KiBiz § 3b).'
				},
				{
					text: 'Bir kreş size yer sunabildiğinde portaldaki durum “Sözleşme teklifi” (Vertragsangebot) olarak değişir. Kreş yönetimi sizinle e-posta, telefon veya posta yoluyla iletişime geçer.'
				},
				{ link: p.receiptUrl, label: 'Belgeyi ve durumu görüntüle' }
			]
		}),
		statusChange: (p) => ({
			subject: 'Kaydınızın durumu değişti',
			blocks: [
				{ text: "Çocuğunuzun Kita-Portal'daki kaydının durumu değişti." },
				{ text: "Durumu görmek için lütfen giriş bilgilerinizle Kita-Portal'a giriş yapın:" },
				{ link: p.loginUrl, label: 'Veli girişi (Eltern-Login)' }
			]
		}),
		linkQuestion: (p) => ({
			subject: 'Bir Kita, bir kaydın çocuğunuzla ilgili olup olmadığını soruyor',
			blocks: [
				{
					text: 'ilçedeki bir Kita, adı ve doğum tarihi hesabınızdaki bir çocukla aynı olan bir çocuğu yerinde kaydetti. Kita, bunun sizin çocuğunuz olup olmadığını soruyor.'
				},
				{
					text: "Lütfen Kita-Portal'a giriş yapın ve soruyu yanıtlayın. Siz onaylamadığınız sürece hiçbir şey birleştirilmez."
				},
				{ link: p.loginUrl, label: 'Veli girişine git' }
			]
		}),
		carryOver: (p) => ({
			subject: `Kaydınız ${p.toYear} kreş yılına aktarıldı`,
			blocks: [
				{
					text: `${p.fromYear} kreş yılı için yer verme sona erdi. Çocuğunuzun henüz yer alamamış kayıtları otomatik olarak ${p.toYear} kreş yılına aktarıldı.`
				},
				{
					text: 'Çocuğunuzu yeniden kaydettirmeniz gerekmez. Lütfen portalda istenen başlangıç tarihini ve başka kreşlerin veya gündüz bakıcısının (Kindertagespflege) size uygun olup olmadığını kontrol edin.'
				},
				{ link: p.loginUrl, label: 'Veli girişi (Eltern-Login)' }
			]
		}),
		childminding: (p) => ({
			subject: `Gündüz bakıcısı için çevrimiçi ön kayıt onayı ${p.number}`,
			blocks: [
				{
					text: `${p.child} için gündüz bakıcısında (Kindertagespflege) yer kaydınız alındı (numara ${p.number}, ${p.submittedAt}). Kayıt Gençlik Dairesi'nin (Jugendamt) ilgili danışmanlık birimine (Fachberatung) gönderildi; gerekirse sizinle iletişime geçecekler.`
				},
				{
					text: "Kita-Portal'daki kayıt ne gündüz bakımı için destek başvurusunun ne de gündüz bakıcısıyla yapılacak sözleşmenin yerini tutar."
				},
				{ text: `Adres:\n${p.officeAddress}` },
				{ link: p.statusUrl, label: 'Durumu portalda görüntüle' }
			]
		})
	}
};
