/**
 * The clamd engine: {@link io.bulwark.scan.antivirus.clamd.ClamdCheck} sends every decoded MIME
 * part to ClamAV's daemon ({@code bulwark.antivirus.clamd.address}) through a pooled
 * {@link io.bulwark.scan.antivirus.clamd.ClamdClient}. See docs/antivirus.md.
 */
package io.bulwark.scan.antivirus.clamd;
