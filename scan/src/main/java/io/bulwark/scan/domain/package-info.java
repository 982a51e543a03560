/**
 * Domain-name services for engines: the Public Suffix List ({@link
 * io.bulwark.scan.domain.PublicSuffixList}), which gives DMARC its Organizational Domain (RFC 7489
 * section 3.2) and lets other engines group host names by registrable domain. See
 * docs/scanning.md, "Public Suffix List".
 */
package io.bulwark.scan.domain;
