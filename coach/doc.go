// Package coach is Partner Coach's domain: partners, checklists, the give-and-take
// ledger, joint events, deal complexity, health and reminder schedules.
//
// It imports only the standard library. Stores implement the interfaces defined
// here (see storage/); the Slack surface lives in bot/.
package coach
