/**
 * Anti-virus checks. {@code eicar}: the EICAR test file. {@code signatures}: the built-in engine
 * for ClamAV-format databases. {@code clamd}: a client of ClamAV's daemon. Engines that look at
 * single objects implement {@link io.bulwark.scan.antivirus.LeafEngine} and run as a
 * {@link io.bulwark.scan.antivirus.LeafEngineCheck} over the node's archive walker. See
 * docs/antivirus.md.
 */
package io.bulwark.scan.antivirus;
