/**
 * The smallest module-path application: it requires the Sluice core and nothing else. The build
 * compiles and runs it against the core jar alone ({@code ModulePathApplicationTest}), so a
 * dependency that leaks into the core's module descriptor fails the build, not a user.
 */
module app {
    requires io.sluice;
}
