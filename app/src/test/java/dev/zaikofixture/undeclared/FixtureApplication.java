package dev.zaikofixture.undeclared;

/** The root of a two-module fixture whose one arrow is undeclared (ModuleBoundariesTest). */
public class FixtureApplication {
}
