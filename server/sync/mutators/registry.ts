// All server mutators by name. Each audience's file adds its own.
import type { MutatorRegistry } from './context';
import { parentMutators } from './parent';
import { staffMutators } from './staff';

export const mutators: MutatorRegistry = {
	...parentMutators,
	...staffMutators
};
