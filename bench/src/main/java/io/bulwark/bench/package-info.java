/**
 * Benchmark harness of the gateway: SMTP load generator, counting sink, corpus builder,
 * process-tree measurement from /proc, idle-session probe, report writer and the JMH
 * micro-benchmarks. Every network target is loopback only.
 */
package io.bulwark.bench;
