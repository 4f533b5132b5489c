// The eleven municipalities the youth office of Kreis Soest covers (Kreisjugendamt), with their
// postcodes and an approximate centre point each (used for "distance from a postcode").
import type { Municipality } from '../../src/lib/domain/facility';
import type { MunicipalityId } from '../../src/lib/domain/ids';

function municipality(id: string, name: string, postcode: string, lat: number, lon: number): Municipality {
	return { id: id as MunicipalityId, name, postcodes: [{ postcode, lat, lon }] };
}

export const DEMO_MUNICIPALITIES: Municipality[] = [
	municipality('anroechte', 'Anröchte', '59609', 51.5667, 8.3333),
	municipality('bad-sassendorf', 'Bad Sassendorf', '59505', 51.5833, 8.1667),
	municipality('ense', 'Ense', '59469', 51.4983, 7.9667),
	municipality('erwitte', 'Erwitte', '59597', 51.6125, 8.339),
	municipality('geseke', 'Geseke', '59590', 51.6403, 8.5111),
	municipality('lippetal', 'Lippetal', '59510', 51.6667, 8.1),
	municipality('moehnesee', 'Möhnesee', '59519', 51.4956, 8.1281),
	municipality('ruethen', 'Rüthen', '59602', 51.4933, 8.4333),
	municipality('welver', 'Welver', '59514', 51.6167, 7.9667),
	municipality('werl', 'Werl', '59457', 51.5528, 7.9139),
	municipality('wickede-ruhr', 'Wickede (Ruhr)', '58739', 51.4964, 7.8658)
];
