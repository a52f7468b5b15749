namespace Rollout.Mesh.Connections;

/// <summary>
/// A peer's protections and tags, kept in small arrays rather than sets and dictionaries: a node
/// tags every mesh peer, and a simulation holds hundreds of thousands of nodes. Owned by the manager.
/// </summary>
internal sealed class PeerMarks
{
    private string[] _protections = [];
    private (string Tag, int Value)[] _tags = [];

    /// <summary>True when nothing is recorded, so the entry can go.</summary>
    public bool IsEmpty => _protections.Length == 0 && _tags.Length == 0;

    /// <summary>True when any protection holds.</summary>
    public bool IsProtected => _protections.Length > 0;

    /// <summary>The sum of tag values.</summary>
    public int TagValue { get; private set; }

    /// <summary>Adds a protection holder.</summary>
    public void Protect(string tag)
    {
        if (Array.IndexOf(_protections, tag) < 0) _protections = [.. _protections, tag];
    }

    /// <summary>Removes a protection holder.</summary>
    public void Unprotect(string tag) => _protections = [.. _protections.Where(t => t != tag)];

    /// <summary>The value of a tag, or null.</summary>
    public int? Get(string tag)
    {
        foreach (var (name, value) in _tags)
        {
            if (name == tag) return value;
        }
        return null;
    }

    /// <summary>Sets a tag's value.</summary>
    public void Tag(string tag, int value)
    {
        for (var i = 0; i < _tags.Length; i++)
        {
            if (_tags[i].Tag != tag) continue;
            TagValue += value - _tags[i].Value;
            _tags[i].Value = value;
            return;
        }
        _tags = [.. _tags, (tag, value)];
        TagValue += value;
    }

    /// <summary>Removes every tag.</summary>
    public void ClearTags()
    {
        _tags = [];
        TagValue = 0;
    }

    /// <summary>Removes a tag.</summary>
    public void Untag(string tag)
    {
        var value = Get(tag);
        if (value is null) return;
        TagValue -= value.Value;
        _tags = [.. _tags.Where(t => t.Tag != tag)];
    }
}
