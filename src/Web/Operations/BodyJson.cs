using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Engagement.Web.Operations;

/// <summary>
/// How the API reads a JSON body. A body says exactly what its record declares, or it is refused with a 400
/// that names the field (<see cref="Problems.ProblemExceptionHandler"/>): no unknown fields, no missing
/// required ones, no null where the record does not allow one — in a list, array or dictionary too
/// (<c>"choices": ["c1", null]</c> is refused as <c>choices[1]</c>) — and enums by one of their names only.
/// Whatever gets past here is a value the grains and the views can handle.
/// </summary>
public static class BodyJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        // Names only: a number such as 99, or a list of names ("Finished, Forfeited") that STJ would OR
        // together, would otherwise slip into an enum as a value no rule knows.
        options.Converters.Add(new EnumNameConverter());
        // A field the server does not know is a mistake (a typo, an old page), never silently ignored.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A body says everything its record needs: a parameter without a default must be sent, and a
        // non-nullable one must not be null. Optional fields are the ones declared with a default.
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        // RespectNullableAnnotations stops at a property: the elements of its list are checked here.
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(NullElements.Refuse);
    }

    /// <summary>The OpenAPI document shows enums as their names, as <see cref="EnumNameConverter"/> reads and writes them.</summary>
    public static Task DescribeEnum(Microsoft.OpenApi.OpenApiSchema schema, Microsoft.AspNetCore.OpenApi.OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var nullable = Nullable.GetUnderlyingType(type) is { IsEnum: true };
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum)
        {
            schema.Type = nullable ? Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Null : Microsoft.OpenApi.JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames(enumType).Select(n => (System.Text.Json.Nodes.JsonNode)n)];
        }

        return Task.CompletedTask;
    }
}

/// <summary>A null where a list, array or dictionary declares non-nullable elements; <see cref="Element"/> says where, from the object that holds it.</summary>
public sealed class NullElementException(string element) : JsonException($"\"{element}\" must not be null.")
{
    /// <summary>E.g. "choices[1]", "sets[0]", "marks.c1": relative to <see cref="JsonException.Path"/>.</summary>
    public string Element { get; } = element;

    /// <summary>The whole field name, e.g. "setup.criteria[2]".</summary>
    public string Field
    {
        get
        {
            var prefix = (Path ?? "$").TrimStart('$').TrimStart('.');
            return prefix.Length == 0 ? Element : $"{prefix}.{Element}";
        }
    }
}

/// <summary>
/// Checks, once an object is read, that no list, array or dictionary property whose element type is
/// non-nullable (by its C# annotation) holds a null, nested lists included. Elements that are objects
/// check their own properties when they are read.
/// </summary>
internal static class NullElements
{
    public static void Refuse(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var context = new NullabilityInfoContext();
        var checks = new List<(string Name, Func<object, object?> Get, NullabilityInfo Nullability)>();
        foreach (var property in info.Properties)
        {
            var nullability = property.AttributeProvider switch
            {
                PropertyInfo p => context.Create(p),
                FieldInfo f => context.Create(f),
                _ => null,
            };
            if (nullability is not null && property.Get is { } get && MayHoldForbiddenNull(nullability))
            {
                checks.Add((property.Name, get, nullability));
            }
        }

        if (checks.Count == 0)
        {
            return;
        }

        var earlier = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            foreach (var (name, get, nullability) in checks)
            {
                if (FirstNull(get(value), nullability, name) is { } element)
                {
                    throw new NullElementException(element);
                }
            }

            earlier?.Invoke(value);
        };
    }

    /// <summary>The collection's element type, as annotated: for T[], lists and sets the element, for dictionaries the value.</summary>
    private static NullabilityInfo? ElementOf(NullabilityInfo info)
    {
        if (info.ElementType is { } arrayElement)
        {
            return arrayElement;
        }

        var type = info.Type;
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) || !type.IsGenericType)
        {
            return null;
        }

        return info.GenericTypeArguments switch
        {
            [var element] => element,
            [_, var value] when IsDictionary(type) => value,
            _ => null,
        };
    }

    private static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type)
        || type.GetGenericTypeDefinition() is var definition
           && (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>));

    private static bool MayHoldForbiddenNull(NullabilityInfo info) =>
        ElementOf(info) is { } element && (element.ReadState == NullabilityState.NotNull && !element.Type.IsValueType || MayHoldForbiddenNull(element));

    private static string? FirstNull(object? collection, NullabilityInfo info, string path)
    {
        if (collection is null || ElementOf(info) is not { } element)
        {
            return null;
        }

        var forbidden = element.ReadState == NullabilityState.NotNull && !element.Type.IsValueType;
        if (collection is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                var at = $"{path}.{entry.Key}";
                if (entry.Value is null)
                {
                    if (forbidden)
                    {
                        return at;
                    }
                }
                else if (FirstNull(entry.Value, element, at) is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        var index = 0;
        foreach (var item in (IEnumerable)collection)
        {
            var at = $"{path}[{index++}]";
            if (item is null)
            {
                if (forbidden)
                {
                    return at;
                }
            }
            else if (FirstNull(item, element, at) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}

/// <summary>
/// Enums as one of their names, matched whole and ignoring case ("Rally", "rally"); numbers, numbers as text,
/// padded names and comma lists are refused. Written as the name.
/// </summary>
public sealed class EnumNameConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Names<>).MakeGenericType(typeToConvert))!;

    private sealed class Names<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName =
            Enum.GetNames<T>().ToDictionary(n => n, Enum.Parse<T>, StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException($"{typeof(T).Name} is a name.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());

        private static T Parse(string? text) =>
            text is not null && ByName.TryGetValue(text, out var value) ? value : throw new JsonException($"Not a {typeof(T).Name}.");
    }
}
