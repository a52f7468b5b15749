using System.Text;

namespace Rollout.Deployer.Cli.Keys;

/// <summary>
/// A keystore's passphrase: <c>ROLLOUT_PASSPHRASE</c> when it is set, else typed at a prompt without echo.
/// It is never a command-line argument (it would show in the process list and the shell history).
/// </summary>
internal static class Passphrase
{
    public const string Variable = "ROLLOUT_PASSPHRASE";

    public static string Read(string purpose, bool confirm, TextWriter prompt)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        if (fromEnvironment is not null)
        {
            if (fromEnvironment.Length == 0) throw new InvalidDataException($"{Variable} is set but empty");
            return fromEnvironment;
        }
        if (Console.IsInputRedirected)
        {
            throw new InvalidDataException($"no passphrase: set {Variable} or run in a terminal to be asked for it");
        }
        var first = Prompt($"Passphrase for {purpose}: ", prompt);
        if (first.Length == 0) throw new InvalidDataException("the passphrase is empty");
        if (confirm && Prompt("Repeat it: ", prompt) != first) throw new InvalidDataException("the two passphrases differ");
        return first;
    }

    private static string Prompt(string text, TextWriter prompt)
    {
        prompt.Write(text);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0) typed.Length--;
                continue;
            }
            typed.Append(key.KeyChar);
        }
        prompt.WriteLine();
        return typed.ToString();
    }
}
