/**
 * Multi-pattern search shared by the engines: {@link io.bulwark.scan.match.AhoCorasick}. Knows
 * nothing of messages; bytes in, pattern ids and offsets out.
 */
package io.bulwark.scan.match;
