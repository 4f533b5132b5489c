// The queries moved to services/audiences.ts (issue 15); this keeps the mutators' import path.
export { advisers, staffOf } from '../../services/audiences';
