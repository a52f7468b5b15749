namespace Rollout.Mesh.Collections;

/// <summary>Read-only views of lists that may never have been made.</summary>
internal static class ReadOnlyLists
{
    /// <summary>
    /// The list, or the shared empty array when there is none. (<c>list ?? []</c> would make a new empty
    /// list: the collection expression takes the list's type. The outbox builds an RPC from such lists
    /// for every peer it sends to, and the connection manager returns one from every heartbeat's trim.)
    /// </summary>
    public static IReadOnlyList<T> OrEmpty<T>(List<T>? list) => list is null ? Array.Empty<T>() : list;
}
