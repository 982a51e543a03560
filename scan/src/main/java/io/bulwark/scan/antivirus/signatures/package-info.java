/**
 * The built-in anti-virus engine for ClamAV-format signature databases ({@code .hdb}, {@code .hsb},
 * {@code .ndb}, {@code .cvd}, {@code .cld}, ...): {@link io.bulwark.scan.antivirus.signatures.SignatureEngine}
 * loads and reloads the directory, {@link io.bulwark.scan.antivirus.signatures.SignatureDatabase}
 * holds one immutable load. See docs/antivirus.md.
 */
package io.bulwark.scan.antivirus.signatures;
