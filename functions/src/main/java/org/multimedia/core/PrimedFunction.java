package org.multimedia.core;

/** A function's handler: its {@link Priming}, registered with CRaC when the Lambda runtime built it. */
public interface PrimedFunction {

    Priming priming();
}
