/** A fixture module that depends on nothing (ModuleBoundariesTest). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.zaikofixture.undeclared.low;
