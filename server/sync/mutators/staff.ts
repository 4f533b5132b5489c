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
import { moveInQueue } from '../../commands/queue-moves';
import { changeRoundProposal, sendRoundProposal } from '../../commands/offer-rounds';
import type { MutatorRegistry } from './context';

export const staffMutators: MutatorRegistry = {
	makeOffer: { command: makeOffer },
	withdrawOffer: { command: withdrawOffer },
	rejectRequest: { command: rejectRequest },
	recordAnswer: { command: recordAnswer },
	concludeContract: { command: concludeContract },
	createWalkin: {
		async command(ctx, args) {
			if (!worksAt(ctx.actor, args.facilityId)) throw new Refusal('notPermitted', 'walkin.notPermitted');
			await createWalkin(ctx, args);
		}
	},
	renewClaimCode: { command: renewClaimCode },
	// A proposal only: the family or the youth office confirms (commands/duplicates.ts).
	decideDuplicate: { command: decideDuplicate },
	auditRead: { command: auditRead },
	// With a written reason; the Kita's devices only (commands/queue-moves.ts).
	moveInQueue: { command: moveInQueue },
	sendRoundProposal: { command: sendRoundProposal },
	changeRoundProposal: { command: changeRoundProposal }
};
