package io.bulwark.events.cef;

/** Identifiers shared by the CEF export's command, events and readers. */
public final class CefExportIds {
    /** The aggregate (and event stream) holding the export settings. */
    public static final String AGGREGATE_ID = "cef-export-settings";

    private CefExportIds() {
    }
}
