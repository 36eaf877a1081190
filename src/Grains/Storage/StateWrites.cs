namespace Engagement.Storage;

public static class StateWrites
{
    /// <summary>
    /// Writes a grain's state; if the store refuses, the activation is retired so that the next call
    /// reloads the truth instead of carrying on with a change that was never stored.
    /// </summary>
    public static async Task WriteOrRetireAsync<T>(this IPersistentState<T> state, Grain grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
