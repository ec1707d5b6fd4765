package dev.gavel.systemtests;

import dev.gavel.systemtests.support.GavelStack;

/** The walking skeleton against a real KRaft broker started in this JVM. */
class EmbeddedBrokerBidFlowTest extends BidFlowScenario {

    @Override
    GavelStack stack() {
        return GavelStack.shared();
    }
}
