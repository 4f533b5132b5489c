// What the feedback form shows before anything is validated — the kinds of feedback and the length
// of a message — without zod, so that the form renders without the schema (feedback.ts).
export const FEEDBACK_KINDS = ['barrier', 'content', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_MESSAGE_MAX = 5000;
