// No TypeBox here: the SPA imports this module alone (`@qf/contracts/submission-reference`) to check a
// reference before asking the API, without the schema library in its bundle.

/**
 * The démarche reference: 13 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z,
 * 5/S, 8/B, U/V). What the citizen keeps and gives to support; public, carries no personal data.
 */
export const referenceAlphabet = '34679ACDEFGHJKMNPQRTWXY'
export const REFERENCE_LENGTH = 13

/** The pattern of `SubmissionReference` (the schema's `pattern`). */
export const referencePattern = `^[${referenceAlphabet}]{${REFERENCE_LENGTH}}$`
