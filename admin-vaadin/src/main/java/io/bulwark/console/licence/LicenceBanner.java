package io.bulwark.console.licence;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.bulwark.scan.licence.LicenceStatus;

/**
 * The console-wide licence warning, in the frame's header: shown while the licence needs attention
 * (expiring within the warning period, in grace, expired, blocked, unlicensed, not yet valid), with
 * the licence's own sentence and a link to the licence page; hidden otherwise and in community mode.
 * Reads the status when attached and after each navigation ({@code MainLayout}), so it follows the
 * clock. A failing
 * read leaves it hidden: a banner must never break the console. UI thread only.
 */
public class LicenceBanner extends HorizontalLayout {
    /** Id of the banner. */
    public static final String ID = "licence-banner";
    /** Id of its text. */
    public static final String TEXT_ID = "licence-banner-text";

    private final LicenceClient client;
    private final Span text = new Span();

    public LicenceBanner(LicenceClient client) {
        this.client = client;
        setId(ID);
        text.setId(TEXT_ID);
        setAlignItems(Alignment.CENTER);
        getStyle().set("background", "var(--lumo-error-color-10pct)").set("color", "var(--lumo-error-text-color)")
                .set("padding", "0 var(--lumo-space-s)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("font-size", "var(--lumo-font-size-s)");
        add(text, new Anchor(LicencePage.ROUTE, "Licence"));
        setVisible(false);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }

    /** Reads the licence status and shows or hides the warning. */
    public void refresh() {
        try {
            LicenceStatus status = client.status();
            text.setText(status.message());
            setVisible(status.warning());
        } catch (RuntimeException e) {
            setVisible(false);
        }
    }

    /** The warning shown, empty when hidden. */
    public String shownText() {
        return isVisible() ? text.getText() : "";
    }
}
