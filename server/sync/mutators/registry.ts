// All server mutators by name. Each audience's file adds its own.
import type { MutatorRegistry } from './context';
import { parentMutators } from './parent';
import { staffMutators } from './staff';
import { youthOfficeMutators } from './youth-office';

export const mutators: MutatorRegistry = {
	...parentMutators,
	...staffMutators,
	...youthOfficeMutators
};
