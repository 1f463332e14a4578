package be.vdab.okot.intake.notification;

/**
 * What the last attempt to push a notification to the OCMW's webhook came to, as the inbox shows it:
 * a category only, never the error text, host, port or address behind it (that would turn the webhook
 * into a scanner of the platform's network). The server log keeps the detail for operations.
 */
public enum DeliveryCategory {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** The URL's host resolves to a non-public address (or no longer resolves): not tried, not retried. */
    DESTINATION_REFUSED,
    /** No connection: the name did not resolve at delivery, the connection was refused or reset, TLS failed. */
    UNREACHABLE,
    /** No answer within the connect or response timeout. */
    TIMEOUT,
    /** The receiver answered with a redirect, which is not followed. */
    HTTP_3XX,
    /** The receiver answered 4xx. */
    HTTP_4XX,
    /** The receiver answered 5xx (or another non-2xx status). */
    HTTP_5XX,
    /** The OCMW removed its webhook before the attempt: not retried. */
    NO_WEBHOOK;

    /** The category of a receiver's HTTP status. */
    public static DeliveryCategory ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status >= 300 && status < 400) {
            return HTTP_3XX;
        }
        return status >= 400 && status < 500 ? HTTP_4XX : HTTP_5XX;
    }

    /** Whether a later attempt may succeed without the OCMW changing its webhook. */
    public boolean retried() {
        return this != DELIVERED && this != DESTINATION_REFUSED && this != NO_WEBHOOK;
    }
}
