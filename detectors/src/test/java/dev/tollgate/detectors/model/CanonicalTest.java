package dev.tollgate.detectors.model;

import org.junit.jupiter.api.Test;

import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.item;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

class CanonicalTest {
    @Test
    void equalTextsBecomeOneInstanceAndRecordsStayEqual() {
        String a = new String("aliexpress-portals");
        String b = new String("aliexpress-portals");
        assertThat(Canonical.of(a)).isSameAs(Canonical.of(b)).isEqualTo(a);
        assertThat(Canonical.of(null)).isNull();

        ClickEvent c1 = click("c1").program(new String("aliexpress-portals")).build();
        ClickEvent c2 = click("c2").program(new String("aliexpress-portals")).build();
        assertThat(Canonical.click(c1)).isEqualTo(c1);
        assertThat(Canonical.click(c1).program()).isSameAs(Canonical.click(c2).program());
        // ids are left alone: they would fill the table with texts nobody shares
        assertThat(Canonical.click(c1).clickId()).isSameAs(c1.clickId());

        OrderEvent o = order("o1").items(item("s", "1.00", "Kitchen")).build();
        OrderEvent shared = Canonical.order(o);
        assertThat(shared).isEqualTo(o);
        assertThat(shared.amount().currency()).isSameAs(Canonical.of(new String("USD")));
        assertThat(shared.items().get(0).unitPrice().currency()).isSameAs(shared.amount().currency());
        assertThat(Canonical.order(null)).isNull();
    }
}
