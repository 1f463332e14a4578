package be.vdab.okot.events;

/** Province of a trajectory; {@code VBR} is printed "VL BR" in the sources. */
public enum Province {
    ANT, LIM, OVL, VBR, WVL, BXL
}
