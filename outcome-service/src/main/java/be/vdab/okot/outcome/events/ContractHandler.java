package be.vdab.okot.outcome.events;

import be.vdab.okot.events.EventType;
import be.vdab.okot.events.enrolment.ContractCancelled;
import be.vdab.okot.events.enrolment.ContractStarted;
import be.vdab.okot.messaging.inbox.EventHandler;
import be.vdab.okot.messaging.inbox.IncomingEvent;
import be.vdab.okot.outcome.domain.OutcomeService;
import be.vdab.okot.outcome.persistence.ContractFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * Learns the contracts from enrolment-service: a course end is only recorded for a contract
 * known here; a later contract reopens its cluster, a cancelled one leaves it.
 */
@ApplicationScoped
public class ContractHandler implements EventHandler {

    @Inject
    OutcomeService outcomes;

    @Override
    public Set<EventType> handledTypes() {
        return Set.of(EventType.CONTRACT_STARTED, EventType.CONTRACT_CANCELLED);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (event.type() == EventType.CONTRACT_STARTED) {
            ContractStarted started = event.payload(ContractStarted.class);
            if (ContractFact.findById(started.contractId()) != null) {
                return;
            }
            ContractFact contract = ContractFact.of(started);
            contract.persist();
            outcomes.recomputeCluster(contract.clusterId);
        } else {
            ContractCancelled cancelled = event.payload(ContractCancelled.class);
            ContractFact contract = ContractFact.findById(cancelled.contractId());
            if (contract != null && !contract.cancelled) {
                contract.cancelled = true;
                outcomes.recomputeCluster(contract.clusterId);
            }
        }
    }
}
