// Arabic mail texts, for accounts whose locale is Arabic. Plain words for parents; German terms the
// portal and the Kitas use stay in brackets. render.ts marks the HTML right-to-left.
import type { Role } from '../../../src/lib/domain/roles';
import { plural } from './plural';
import type { MailLocale } from './types';

const roleNames: Record<Role, string> = {
	parent: 'وليّ أمر',
	staff: 'موظف في روضة',
	childminding: 'قسم الاستشارة للرعاية النهارية (Fachberatung)',
	admin: 'الإدارة'
};

// After لمدة ("for"): genitive dual, 3–10 with the plural, 11–99 with the singular accusative.
const minutes = (n: number) =>
	plural('ar', n, { one: 'دقيقة واحدة', two: 'دقيقتين', few: '# دقائق', many: '# دقيقة', other: '# دقيقة' });
const hours = (n: number) =>
	plural('ar', n, { one: 'ساعة واحدة', two: 'ساعتين', few: '# ساعات', many: '# ساعة', other: '# ساعة' });

export const ar: MailLocale = {
	greeting: (name) => `مرحبًا ${name}،`,
	closing: ['مع أطيب التحيات', 'Kita-Portal التابع لـ Kreis Soest'],
	footer:
		'أُرسلت هذه الرسالة تلقائيًا من Kita-Portal التابع لـ Kreis Soest (بيئة تجريبية). يرجى عدم الرد على هذه الرسالة.',
	templates: {
		confirm: (p) => ({
			subject: 'يرجى تأكيد عنوان بريدك الإلكتروني',
			blocks: [
				{ text: 'شكرًا لتسجيلك في Kita-Portal التابع لـ Kreis Soest.' },
				{ text: 'يرجى تأكيد عنوان بريدك الإلكتروني بهذا الرابط:' },
				{ link: p.confirmUrl, label: 'تأكيد عنوان البريد الإلكتروني' },
				{
					text: `لأسباب أمنية يكون الرابط صالحًا لمدة ${minutes(p.minutes)} ويمكن استخدامه مرة واحدة فقط. إذا لم يعمل عند النقر عليه، فانسخه والصقه في شريط العنوان في متصفحك.`
				},
				{ text: 'هل انتهت صلاحية الرابط؟ بهذا الرابط الثاني تحصل على رابط جديد:' },
				{ link: p.resendUrl, label: 'طلب رابط تأكيد جديد' },
				{ text: 'إذا لم تقم بالتسجيل، يمكنك تجاهل هذه الرسالة.' }
			]
		}),
		alreadyRegistered: (p) => ({
			subject: 'التسجيل في Kita-Portal',
			blocks: [
				{
					text: 'حاول شخص ما إنشاء حساب جديد في Kita-Portal بعنوان بريدك الإلكتروني. يوجد لهذا العنوان حساب بالفعل.'
				},
				{ text: 'إذا كنت أنت، فيرجى تسجيل الدخول بكلمة المرور:' },
				{ link: p.loginUrl, label: 'دخول الأهل (Eltern-Login)' },
				{ text: 'هل نسيت كلمة المرور؟ اطلب رابطًا جديدًا من هنا:' },
				{ link: p.forgotUrl, label: 'نسيت كلمة المرور' },
				{ text: 'إذا لم تكن أنت، يمكنك تجاهل هذه الرسالة. لم يتغيّر حسابك.' }
			]
		}),
		reset: (p) => ({
			subject: 'كلمة مرور جديدة لـ Kita-Portal',
			blocks: [
				{ text: 'لقد طلبت كلمة مرور جديدة لحسابك في Kita-Portal.' },
				{ text: 'عيّن كلمة المرور الجديدة بهذا الرابط:' },
				{ link: p.resetUrl, label: 'تعيين كلمة مرور جديدة' },
				{
					text: `الرابط صالح لمدة ${minutes(p.minutes)} ويمكن استخدامه مرة واحدة فقط. بعد ذلك يتم تسجيل خروجك من جميع الأجهزة وتسجّل الدخول بكلمة المرور الجديدة.`
				},
				{ text: 'إذا لم تطلب كلمة مرور جديدة، يمكنك تجاهل هذه الرسالة.' }
			]
		}),
		invite: (p) => ({
			subject: 'دعوة إلى Kita-Portal التابع لـ Kreis Soest',
			blocks: [
				{ text: `تمت دعوتك إلى Kita-Portal التابع لـ Kreis Soest (الدور: ${roleNames[p.role]}).` },
				{ text: 'عيّن كلمة المرور بهذا الرابط:' },
				{ link: p.inviteUrl, label: 'تعيين كلمة المرور' },
				{
					text: `الرابط صالح لمدة ${hours(p.hours)}. عند أول تسجيل دخول تُعدّ تسجيل الدخول بخطوتين باستخدام تطبيق مصادقة.`
				}
			]
		}),
		changeEmail: (p) => ({
			subject: 'يرجى تأكيد عنوان بريدك الإلكتروني الجديد',
			blocks: [
				{
					text: 'تريد استخدام هذا العنوان لحسابك في Kita-Portal. يصبح ساريًا فقط بعد تأكيده بهذا الرابط:'
				},
				{ link: p.confirmUrl, label: 'تأكيد عنوان البريد الإلكتروني الجديد' },
				{ text: `الرابط صالح لمدة ${minutes(p.minutes)} ويمكن استخدامه مرة واحدة فقط.` },
				{ text: 'إذا لم تطلب ذلك، يمكنك تجاهل هذه الرسالة.' }
			]
		}),
		emailChanged: (p) => ({
			subject: 'تم تغيير عنوان بريدك الإلكتروني',
			blocks: [
				{
					text: 'تم تغيير عنوان البريد الإلكتروني لحسابك في Kita-Portal. من الآن تصل رسائل البوابة إلى العنوان الجديد.'
				},
				{
					text: 'إذا لم تقم بذلك، فيرجى التواصل مع مكتب رعاية الشباب (Jugendamt) في Kreis Soest وإعادة تعيين كلمة المرور:'
				},
				{ link: p.forgotUrl, label: 'نسيت كلمة المرور' }
			]
		}),
		passwordChanged: (p) => ({
			subject: 'تم تغيير كلمة المرور',
			blocks: [
				{ text: 'تم للتو تغيير كلمة المرور لحسابك في Kita-Portal.' },
				{ text: 'إذا لم تكن أنت، فأعد تعيين كلمة المرور فورًا:' },
				{ link: p.forgotUrl, label: 'نسيت كلمة المرور' }
			]
		}),
		registration: (p) => ({
			subject: `تأكيد تسجيلك ${p.number}`,
			blocks: [
				{
					text: `وصل تسجيلك لـ ${p.child} إلى Kita-Portal التابع لـ Kreis Soest (رقم التسجيل ${p.number}، ${p.submittedAt}).`
				},
				{ text: `أُرسل التسجيل إلى هذه الروضات التي اخترتها:\n${p.kitas.map((k) => `– ${k}`).join('\n')}` },
				{
					text: 'تؤكد هذه الرسالة والإيصال في البوابة أنك أعلنت حاجتك إلى الرعاية (المادة 3b من KiBiz).'
				},
				{
					text: 'فور تمكّن روضة من عرض مكان عليك، تتغيّر الحالة في البوابة إلى «عرض عقد» (Vertragsangebot). وستتواصل معك إدارة الروضة عبر البريد الإلكتروني أو الهاتف أو البريد.'
				},
				{ link: p.receiptUrl, label: 'عرض الإيصال والحالة' }
			]
		}),
		statusChange: (p) => ({
			subject: 'تغيّرت حالة تسجيلك',
			blocks: [
				{ text: 'تغيّرت حالة تسجيل طفلك في Kita-Portal.' },
				{ text: 'لرؤية الحالة، يرجى تسجيل الدخول إلى Kita-Portal ببيانات الدخول الخاصة بك:' },
				{ link: p.loginUrl, label: 'دخول الأهل (Eltern-Login)' }
			]
		}),
		linkQuestion: (p) => ({
			subject: 'تسأل روضة أطفال عمّا إذا كان تسجيلٌ ما يخص طفلك',
			blocks: [
				{
					text: 'قامت روضة أطفال في المقاطعة بتسجيل طفل حضوريًا يتطابق اسمه وتاريخ ميلاده مع طفل في حسابك. وتسأل الروضة ما إذا كان هذا طفلك.'
				},
				{ text: 'يرجى تسجيل الدخول إلى بوابة الروضات والإجابة عن السؤال. لن يتم دمج أي شيء ما لم توافق.' },
				{ link: p.loginUrl, label: 'إلى تسجيل دخول الوالدين' }
			]
		}),
		carryOver: (p) => ({
			subject: `نُقل تسجيلك إلى العام الدراسي ${p.toYear}`,
			blocks: [
				{
					text: `انتهى توزيع الأماكن للعام الدراسي ${p.fromYear}. نُقلت تسجيلات طفلك التي لم تحصل على مكان بعد تلقائيًا إلى العام الدراسي ${p.toYear}.`
				},
				{
					text: 'لا تحتاج إلى تسجيل طفلك من جديد. يرجى التحقق في البوابة من تاريخ البدء المطلوب، وما إذا كانت روضات أخرى أو الرعاية لدى مربية (Kindertagespflege) مناسبة لك.'
				},
				{ link: p.loginUrl, label: 'دخول الأهل (Eltern-Login)' }
			]
		}),
		childminding: (p) => ({
			subject: `تأكيد التسجيل المسبق عبر الإنترنت للرعاية لدى مربية ${p.number}`,
			blocks: [
				{
					text: `وصل تسجيلك للحصول على مكان لدى مربية (Kindertagespflege) لـ ${p.child} (الرقم ${p.number}، ${p.submittedAt}). أُرسل إلى قسم الاستشارة المختص (Fachberatung) في مكتب رعاية الشباب (Jugendamt)، الذي سيتواصل معك عند الحاجة.`
				},
				{
					text: 'التسجيل في Kita-Portal لا يحلّ محلّ طلب الدعم المالي للرعاية النهارية ولا محلّ العقد مع المربية.'
				},
				{ text: `العنوان:\n${p.officeAddress}` },
				{ link: p.statusUrl, label: 'عرض الحالة في البوابة' }
			]
		})
	}
};
