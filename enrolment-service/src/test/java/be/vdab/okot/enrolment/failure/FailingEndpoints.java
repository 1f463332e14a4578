package be.vdab.okot.enrolment.failure;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Test-only: a Vert.x route and a REST resource that fail as a bug would, to prove that even an unexpected
 * failure answers with problem details (issue 12: 500 bodies were empty).
 */
@ApplicationScoped
public class FailingEndpoints {

    void route(@Observes Router router) {
        router.get("/test-failures/route").handler(context -> {
            throw new IllegalStateException("a bug in a route, at be.vdab.okot.Secret");
        });
    }

    @Path("/test-failures")
    public static class Resource {

        @GET
        @Path("runtime")
        public String runtime() {
            throw new IllegalStateException("a bug, at be.vdab.okot.Secret");
        }

        @GET
        @Path("error")
        public String error() {
            throw new AssertionError("an error, at be.vdab.okot.Secret");
        }
    }
}
