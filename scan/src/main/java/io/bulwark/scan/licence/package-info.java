/**
 * Licensing as a pure library (issue 17, docs/licensing.md, ADR 0021): our licence key file format
 * (a text document signed with Ed25519), its verifier, the authority that issues keys and the tool
 * that drives it, the activation-code file, and the rule that turns the installed keys and the
 * clock into what may run ({@link LicencePolicy}: scanning, database updates, modules withheld).
 *
 * <p>It lives in {@code scan} because both the admin backend (which verifies keys and raises
 * notices) and the gateway (which gates scanning) depend on it, it needs BouncyCastle (which the
 * {@code events} module must not), and the gate it feeds is the scan pipeline's. No Spring, no Axon,
 * no I/O beyond the files the tool is told to read and write.
 */
package io.bulwark.scan.licence;
