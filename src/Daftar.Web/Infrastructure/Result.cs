namespace Daftar.Web.Infrastructure;

/// <summary>
/// An expected failure of an operation: a stable code for programs, an English message that is also the
/// key of its translation, and optionally the field it concerns. Unexpected failures stay exceptions.
/// </summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Invalid, string? Field = null, params object[] Args)
{
    public static Error NotFound(string what) => new("not_found", "{0} was not found.", ErrorKind.NotFound, null, what);
    /// <summary>A value given in a form or request names something that does not exist (a 400 on that field, not a 404).</summary>
    public static Error Unknown(string field, string what) => new("not_found", "{0} was not found.", ErrorKind.Invalid, field, what);
    public static Error Required(string field, string label) => new("required", "{0} is required.", ErrorKind.Invalid, field, label);
    /// <summary>A value that is not one of the choices offered (an enum out of range).</summary>
    public static Error NotInList(string field) => new("invalid_value", "Choose a value from the list.", ErrorKind.Invalid, field);
    public static Error TooLong(string field, string label, int maxLength) => new("too_long", "{0} must be at most {1} characters.", ErrorKind.Invalid, field, label, maxLength);
    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
    public static Error Forbidden() => new("forbidden", "You are not allowed to do this.", ErrorKind.Forbidden);
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ErrorKind>))]
public enum ErrorKind { Invalid, NotFound, Conflict, Forbidden }

/// <summary>Either a value or the errors that stopped it. Handlers return this instead of throwing.</summary>
public readonly struct Result<T>
{
    private Result(T? value, IReadOnlyList<Error> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<Error> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Result<T> Ok(T value) => new(value, []);
    public static Result<T> Fail(params Error[] errors) => new(default, errors);
    public static Result<T> Fail(IReadOnlyList<Error> errors) => new(default, errors);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Error error) => Fail(error);
}

/// <summary>Collects field errors while a command is checked, so the user sees all of them at once.</summary>
public sealed class Validation
{
    private readonly List<Error> _errors = [];
    public IReadOnlyList<Error> Errors => _errors;
    public bool Failed => _errors.Count > 0;

    public string? Required(string? value, string field, string label, int maxLength)
    {
        var clean = Daftar.People.Text.Clean(value);
        if (clean is null) _errors.Add(Error.Required(field, label));
        else if (clean.Length > maxLength) _errors.Add(new("too_long", "{0} must be at most {1} characters.", ErrorKind.Invalid, field, label, maxLength));
        return clean;
    }

    public string? Optional(string? value, string field, string label, int maxLength)
    {
        var clean = Daftar.People.Text.Clean(value);
        if (clean is not null && clean.Length > maxLength)
            _errors.Add(new("too_long", "{0} must be at most {1} characters.", ErrorKind.Invalid, field, label, maxLength));
        return clean;
    }

    /// <summary>Text that keeps its paragraphs and lists (minutes, remarks, descriptions); the length counts every character kept.</summary>
    public string? Paragraphs(string? value, string field, string label, int maxLength, bool required = false)
    {
        var clean = Daftar.People.Text.Paragraphs(value);
        if (clean is null && required) _errors.Add(Error.Required(field, label));
        else if (clean is not null && clean.Length > maxLength) _errors.Add(new("too_long", "{0} must be at most {1} characters.", ErrorKind.Invalid, field, label, maxLength));
        return clean;
    }

    /// <summary>A code: letters, digits, and . - / _ &amp; only, so it can sit inside file and diary numbers.</summary>
    public string? Code(string? value, string field, string label, int maxLength)
    {
        var clean = Required(value, field, label, maxLength);
        if (clean is not null && !clean.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '&'))
            _errors.Add(new("invalid_code", "{0} may contain only letters, digits and - _ . / &.", ErrorKind.Invalid, field, label));
        return clean?.ToUpperInvariant();
    }

    public string? Email(string? value, string field, string label)
    {
        var clean = Optional(value, field, label, 254);
        if (clean is not null && !System.Net.Mail.MailAddress.TryCreate(clean, out _))
            _errors.Add(new("invalid_email", "{0} is not a valid e-mail address.", ErrorKind.Invalid, field, label));
        return clean?.ToLowerInvariant();
    }

    public string? Mobile(string? value, string field, string label)
    {
        var clean = Optional(value, field, label, 20)?.Replace(" ", "").Replace("-", "");
        if (clean is not null && !System.Text.RegularExpressions.Regex.IsMatch(clean, @"^(\+91)?[6-9][0-9]{9}$"))
            _errors.Add(new("invalid_mobile", "{0} must be a 10-digit Indian mobile number.", ErrorKind.Invalid, field, label));
        return clean;
    }

    public void Add(Error error) => _errors.Add(error);
}
