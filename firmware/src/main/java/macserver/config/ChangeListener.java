package macserver.config;

import java.util.List;

/**
 * Told of every committed transaction, in commit order, while the model is still locked for
 * writing: keep it quick and never call back into the model's write path.
 */
@FunctionalInterface
public interface ChangeListener {
    void committed(List<Change> changes, Origin origin);
}
