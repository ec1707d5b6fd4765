package dev.gavel.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.BidIncrements;
import dev.gavel.processor.topology.EngineSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ProcessorPropertiesTest {

    private static ProcessorProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("gavel.processor", ProcessorProperties.class);
    }

    @Test
    void defaultIncrementsAreTheTableOfTheRules() {
        BidIncrements parsed = bind(Map.of()).engineSettings().increments();

        assertThat(LongStream.of(0, 99, 100, 2_999, 3_000, 5_000, 10_000, 30_000, 100_000, 200_000, 900_000))
                .allSatisfy(price -> assertThat(parsed.at(price)).isEqualTo(BidIncrements.DEFAULT.at(price)));
    }

    @Test
    void settingsAreBoundFromTheirNames() {
        EngineSettings settings = bind(Map.of(
                        "gavel.processor.punctuation-interval", "50ms",
                        "gavel.processor.close-grace", "1s",
                        "gavel.processor.ended-retention", "2h",
                        "gavel.processor.increments", "0:1,10:5"))
                .engineSettings();

        assertThat(settings.punctuationInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.closeGrace()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.endedRetention()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.increments().at(999)).isEqualTo(100);
        assertThat(settings.increments().at(1_000)).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0:0.05,1",
                "0:0.05,1:1:2",
                "zero:0.05",
                "0:five cents",
                "0:0.001",
                "1:0.05,2:1",
                "0:0.05,1:1,1:2",
                "0:0.05,2:1,1:2",
                "0:0",
                "0:-1",
                ""
            })
    void badIncrementTableFailsNamingTheSetting(String table) {
        assertThatThrownBy(() -> bind(Map.of("gavel.processor.increments", table)))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(messages(e))
                        .anyMatch(message -> message.startsWith("gavel.processor.increments must be price:increment")));
    }

    @Test
    void badIncrementTableSaysWhatIsWrongWithIt() {
        assertThatThrownBy(() -> ProcessorProperties.parseIncrements("0:0.05,1:1,1:2"))
                .hasMessageContaining("increasing order");
    }

    @Test
    void nonPositivePunctuationIntervalFailsNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("gavel.processor.punctuation-interval", "0ms")))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(messages(e))
                        .anyMatch(message -> message.startsWith("gavel.processor: punctuationInterval")));
    }

    /** The messages of {@code error} and its causes: binding wraps the one that names the setting. */
    private static List<String> messages(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
