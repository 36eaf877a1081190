using Engagement.Storage;

namespace Engagement.Access;

public sealed class DataProtectionKeysGrain(
    [PersistentState("dataprotection", StorageNames.Durable)] IPersistentState<DataProtectionKeysRecord> state) : Grain, IDataProtectionKeysGrain
{
    public Task<IReadOnlyList<string>> GetAll() => Task.FromResult<IReadOnlyList<string>>(state.State.Keys.Values.ToList());

    public async Task Add(string friendlyName, string xml)
    {
        // Keys are immutable once written; adding the same one twice (two hosts racing at first start) is harmless.
        if (state.State.Keys.TryAdd(friendlyName, xml))
        {
            await state.WriteOrRetireAsync(this);
        }
    }
}

[GenerateSerializer]
public sealed class DataProtectionKeysRecord
{
    [Id(0)] public Dictionary<string, string> Keys { get; set; } = [];
}
