/**
 * "Probably infected": anti-virus heuristics over the archive walker's objects (deceptive names,
 * disguised executables, Office macros, active PDFs, auto-submitting HTML). See docs/inspection.md.
 */
package io.bulwark.scan.antivirus.heuristics;
