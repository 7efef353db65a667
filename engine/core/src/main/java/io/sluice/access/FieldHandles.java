package io.sluice.access;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Looks up the {@link VarHandle} of a field, for the engine's classes that read and write shared
 * fields with an explicit memory ordering. A failed lookup is a programming error (a renamed
 * field), so it fails the class's initialisation rather than surfacing as a checked exception at
 * every call site. Not part of the API: the module does not export this package.
 *
 * <p>Thread-safe: stateless.
 */
public final class FieldHandles {
    private FieldHandles() {
    }

    /**
     * Finds an instance field's handle with the caller's own lookup, so private fields stay private.
     *
     * @param lookup the caller's {@code MethodHandles.lookup()}
     * @param owner the class that declares the field
     * @param name the field's name
     * @param type the field's type
     * @return the field's handle
     * @throws ExceptionInInitializerError if there is no such field the lookup may access
     */
    public static VarHandle field(MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
