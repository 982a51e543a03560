/**
 * One small mapper per CEF group (reference notes G.3), each turning the events of its group into
 * {@link io.bulwark.admin.cef.CefRecord}s; {@link io.bulwark.admin.cef.mapping.StandardCefMappings}
 * lists them. Mappers are pure functions of one event: no state, no I/O, so a replay gives the same
 * records. docs/cef.md is the reference of every class id, name, severity and extension key.
 */
package io.bulwark.admin.cef.mapping;
