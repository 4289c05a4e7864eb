/** A fixture module that uses {@code low} without declaring it (ModuleBoundariesTest). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.zaikofixture.undeclared.high;
