package dev.gavel.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    private final MessageAssembler assembler = new MessageAssembler(10);

    @Test
    void aMessageInOnePartIsReturnedAsItIs() {
        assertThat(assembler.add("{\"a\":1}", true)).isEqualTo("{\"a\":1}");
    }

    @Test
    void partsAreJoinedWhenTheLastArrives() {
        assertThat(assembler.add("{\"a\"", false)).isNull();
        assertThat(assembler.add(":12", false)).isNull();

        assertThat(assembler.add("}", true)).isEqualTo("{\"a\":12}");
    }

    @Test
    void aMessageOverTheLimitIsRefusedAtItsLastPart() {
        assertThat(assembler.add("123456", false)).isNull();
        assertThat(assembler.add("7890", false)).isNull();

        assertThatThrownBy(() -> assembler.add("x", true)).isInstanceOf(MessageAssembler.TooLarge.class);
    }

    @Test
    void theLimitCountsUtf8Bytes() {
        // 4 characters of 3 bytes each: 12 bytes, over the limit of 10
        assertThatThrownBy(() -> assembler.add("€€€€", true)).isInstanceOf(MessageAssembler.TooLarge.class);
    }

    @Test
    void theNextMessageStartsAfreshAfterARefusedOne() {
        assertThatThrownBy(() -> assembler.add("12345678901", true)).isInstanceOf(MessageAssembler.TooLarge.class);

        assertThat(assembler.add("ok", true)).isEqualTo("ok");
    }

    @Test
    void utf8LengthCountsSurrogatePairsAsFourBytes() {
        assertThat(MessageAssembler.utf8Length("a\u00e9\u20ac\uD83D\uDE00")).isEqualTo(1 + 2 + 3 + 4);
    }
}
