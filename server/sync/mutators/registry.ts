// All server mutators by name. Each audience's file adds its own.
import type { MutatorRegistry } from './context';
import { parentMutators } from './parent';

export const mutators: MutatorRegistry = {
	...parentMutators
};
