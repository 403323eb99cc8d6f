using System;

namespace EmailConnector.Core.Recipients;

// Linked into the net462 plugin assembly (EmailConnector.Core.LinkedRules.props): plain C# only.

/// <summary>Counts of transferred and excluded members by reason: the preview's numbers and the transfer summary.</summary>
public sealed class ExclusionTally
{
    private const int ReasonCount = (int)ExclusionReason.DuplicateAddress + 1;
    private readonly int[] _counts = new int[ReasonCount];

    /// <summary>Members that are transferred.</summary>
    public int Included => _counts[(int)ExclusionReason.None];

    /// <summary>Members excluded for any reason.</summary>
    public int Excluded => Total - Included;

    /// <summary>Distinct members screened.</summary>
    public int Total
    {
        get
        {
            var total = 0;
            for (var i = 0; i < _counts.Length; i++)
                total += _counts[i];
            return total;
        }
    }

    /// <summary>Members with this outcome (<see cref="ExclusionReason.None"/> counts the included ones).</summary>
    public int this[ExclusionReason reason] => _counts[IndexOf(reason)];

    public void Add(ExclusionReason reason) => _counts[IndexOf(reason)]++;

    /// <summary>Moves one member from one outcome to another (a household displacement).</summary>
    public void Move(ExclusionReason from, ExclusionReason to)
    {
        if (_counts[IndexOf(from)] == 0)
            throw new InvalidOperationException("No member is counted as " + from + ".");
        _counts[IndexOf(from)]--;
        _counts[IndexOf(to)]++;
    }

    private static int IndexOf(ExclusionReason reason)
    {
        var index = (int)reason;
        if (index < 0 || index >= ReasonCount)
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown exclusion reason.");
        return index;
    }
}
