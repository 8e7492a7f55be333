package dev.tollgate.detectors.parse;

import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;
import dev.tollgate.detectors.testing.MalformedRecords;
import dev.tollgate.detectors.testing.MalformedRecords.Malformed;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of fault in every event type, a thousand times each with fresh values: the record is dead-lettered
 * whole, with the kind of its fault and a reason naming the field, and yields no event.
 */
class MalformedRecordPropertiesTest {
    private static final ParserSettings SETTINGS = ParserSettings.defaults();
    private static final EventParser PARSER = new EventParser(SETTINGS);
    private static final MalformedRecords RECORDS = new MalformedRecords(fixtureLines(), SETTINGS.maxRecordBytes());
    private static final MalformedRecords ON_TOPICS = MalformedRecords.forTopics(fixtureLines(),
            SETTINGS.maxRecordBytes());

    static List<String> fixtureLines() {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "fixtures", "scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    /** Lines of a fixture file: the record names its type. */
    @Property(tries = 1000)
    void everyFaultOfEveryTypeIsDeadLetteredWithItsReason(@ForAll Random random) {
        everyFault(RECORDS, false, random);
    }

    /** Values of the typed input topics: the topic names the type, natives carry their payload alone. */
    @Property(tries = 1000)
    void everyFaultOnEveryTopicIsDeadLetteredWithItsReason(@ForAll Random random) {
        everyFault(ON_TOPICS, true, random);
    }

    private static void everyFault(MalformedRecords records, boolean typed, Random random) {
        for (ErrorKind kind : MalformedRecords.KINDS) {
            for (var type : MalformedRecords.TYPES) {
                if (!records.makes(type, kind)) {
                    continue;
                }
                Malformed m = records.make(type, kind, random);
                assertThat(PARSER.parse(m.seed(), "seed", typed ? type : null).isDead()).as(m.seed()).isFalse();
                ParseOutcome out = PARSER.parse(m.line(), "corpus.jsonl", typed ? type : null);
                assertThat(out.isDead()).as("%s", m).isTrue();
                assertThat(out.events()).as("%s", m).isNullOrEmpty();
                DeadLetter d = out.deadLetter();
                assertThat(d.kind()).as("%s: %s", m, d.reason()).isEqualTo(kind);
                assertThat(d.raw()).isEqualTo(m.line());
                assertThat(d.source()).isEqualTo("corpus.jsonl");
                if (m.field() != null) {
                    String leaf = m.field().substring(m.field().lastIndexOf('.') + 1);
                    assertThat(d.reason()).as("%s", m).contains(leaf);
                }
            }
        }
    }
}
