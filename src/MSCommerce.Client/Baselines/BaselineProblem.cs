using System;
using System.Collections.Generic;
using System.Linq;

namespace MSCommerce.Client.Baselines
{
    /// <summary>One thing wrong with a baseline file, with where it is.</summary>
    public sealed class BaselineProblem
    {
        /// <summary>A problem found at a line and column of a baseline file.</summary>
        public BaselineProblem(int line, int column, string path, string message)
        {
            Line = line;
            Column = column;
            Path = path;
            Message = message;
        }

        /// <summary>The line of the problem, from 1.</summary>
        public int Line { get; }

        /// <summary>The column of the problem, from 1.</summary>
        public int Column { get; }

        /// <summary>The JSON property the problem is in, e.g. <c>products.CFQ7TTC0H9MP.value</c>; empty for the file as a whole.</summary>
        public string Path { get; }

        /// <summary>What is wrong, and what would be right.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() =>
            Path.Length == 0 ? $"line {Line}, column {Column}: {Message}" : $"line {Line}, column {Column}, {Path}: {Message}";
    }

    /// <summary>A baseline file that cannot be used; every problem found is listed, not only the first.</summary>
    public sealed class BaselineFormatException : Exception
    {
        /// <summary>A baseline that cannot be used, with every problem found in it.</summary>
        public BaselineFormatException(string source, IReadOnlyList<BaselineProblem> problems)
            : base(Describe(source, problems))
        {
            Source = source;
            Problems = problems;
        }

        /// <summary>The file (or other source) the baseline was read from.</summary>
        public new string Source { get; }

        /// <summary>Every problem found, in the order of the file.</summary>
        public IReadOnlyList<BaselineProblem> Problems { get; }

        private static string Describe(string source, IReadOnlyList<BaselineProblem> problems)
        {
            var shown = problems.Take(20).Select(problem => "  " + problem);
            var more = problems.Count > 20 ? new[] { $"  ... and {problems.Count - 20} more." } : Array.Empty<string>();
            var noun = problems.Count == 1 ? "problem" : "problems";
            return $"The baseline file '{source}' is not valid ({problems.Count} {noun}):{Environment.NewLine}"
                + string.Join(Environment.NewLine, shown.Concat(more));
        }
    }
}
