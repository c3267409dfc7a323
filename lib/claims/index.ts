/**
 * replab/claims: a replication notebook's claim as a statistic over seeds — the mean, its 95%
 * interval and a verdict against a stated margin — recorded in the notebook for `replab report`;
 * and `sanity()` for checks that are true by construction, labelled so that they are never the claim.
 */
export { claim, sanity, type ClaimSpec, type ClaimResult } from "./claim.js";
export { CLAIM_MIME, claimBundle, claimHtml, claimText, formatClaimNumber, marginText, type ClaimRecord, type ClaimVerdict, type ClaimPaper } from "./claim-record.js";
