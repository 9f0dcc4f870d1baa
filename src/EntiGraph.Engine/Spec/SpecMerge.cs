namespace EntiGraph.Engine.Spec;

/// <summary>
/// How a variant overlays its base: mappings merge key by key, anything else is replaced, and an
/// explicit null removes the base's value so that the default applies again.
/// </summary>
public static class SpecMerge
{
    public static SpecMapping Overlay(SpecMapping baseMapping, SpecMapping over)
    {
        var entries = new List<KeyValuePair<SpecScalar, SpecNode>>();
        foreach (var (key, baseValue) in baseMapping.Entries)
        {
            var overEntry = over.Entries.FirstOrDefault(e => e.Key.Value == key.Value);
            if (overEntry.Key is null)
            {
                entries.Add(new(key, baseValue));
            }
            else if (overEntry.Value is SpecScalar { IsNull: true })
            {
                continue;
            }
            else if (baseValue is SpecMapping baseChild && overEntry.Value is SpecMapping overChild)
            {
                entries.Add(new(overEntry.Key, Overlay(baseChild, overChild)));
            }
            else
            {
                entries.Add(overEntry);
            }
        }

        foreach (var entry in over.Entries)
        {
            if (!baseMapping.Contains(entry.Key.Value) && entry.Value is not SpecScalar { IsNull: true })
            {
                entries.Add(entry);
            }
        }

        return new SpecMapping(entries, over.Location);
    }
}
