// Mutations Kita staff send, each pointing at its command: offers, answers, Absagen and contracts
// on their own Kita's requests (server/commands/kita-requests.ts), walk-in registrations and the
// decision on possible duplicates. Staff of Kita X act on Kita X only (checked in the commands).
import {
	auditRead,
	concludeContract,
	makeOffer,
	recordAnswer,
	rejectRequest,
	withdrawOffer,
	worksAt
} from '../../commands/kita-requests';
import { Refusal } from '../../commands/refusal';
import { createWalkin } from '../../commands/walkin-registration';
import { decideDuplicate } from '../../commands/duplicates';
import { renewClaimCode } from '../../commands/claim';
import type { MutatorRegistry } from './context';

export const staffMutators: MutatorRegistry = {
	makeOffer: { roles: ['staff'], command: makeOffer },
	withdrawOffer: { roles: ['staff'], command: withdrawOffer },
	rejectRequest: { roles: ['staff'], command: rejectRequest },
	recordAnswer: { roles: ['staff'], command: recordAnswer },
	concludeContract: { roles: ['staff'], command: concludeContract },
	createWalkin: {
		roles: ['staff'],
		async command(ctx, args) {
			if (!worksAt(ctx.actor, args.facilityId)) throw new Refusal('notPermitted', 'walkin.notPermitted');
			await createWalkin(ctx, args);
		}
	},
	renewClaimCode: { roles: ['staff'], command: renewClaimCode },
	// A proposal only: the family or the youth office confirms (commands/duplicates.ts).
	decideDuplicate: { roles: ['staff'], command: decideDuplicate },
	auditRead: { roles: ['staff'], command: auditRead }
};
