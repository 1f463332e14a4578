package be.vdab.okot.events;

/** Gender as registered: M, V (vrouw) or X. */
public enum Gender {
    M, V, X
}
