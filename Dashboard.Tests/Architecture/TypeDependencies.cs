using Mono.Cecil;

namespace Dashboard.Tests.Architecture;

/// <summary>
/// Every type a compiled type names, read with Mono.Cecil: base types, fields, properties, method
/// signatures and bodies (generic arguments included), and the same for its nested types
/// (closures, async state machines), which NetArchTest 1.3.2 does not follow.
/// </summary>
internal static class TypeDependencies
{
    public static ModuleDefinition Load(System.Reflection.Assembly assembly) => ModuleDefinition.ReadModule(assembly.Location);

    /// <summary>Full names (generic definitions as Name`N) of what <paramref name="type"/> and its nested types use.</summary>
    public static HashSet<string> Of(TypeDefinition type)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(type, found);
        return found;
    }

    private static void Collect(TypeDefinition type, HashSet<string> found)
    {
        Add(type.BaseType, found);
        foreach (var i in type.Interfaces) Add(i.InterfaceType, found);
        foreach (var f in type.Fields) Add(f.FieldType, found);
        foreach (var p in type.Properties) Add(p.PropertyType, found);
        foreach (var m in type.Methods)
        {
            Add(m.ReturnType, found);
            foreach (var p in m.Parameters) Add(p.ParameterType, found);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType, found);
            foreach (var op in m.Body.Instructions.Select(i => i.Operand))
            {
                switch (op)
                {
                    case TypeReference t: Add(t, found); break;
                    case MethodReference mr:
                        Add(mr.DeclaringType, found);
                        Add(mr.ReturnType, found);
                        foreach (var p in mr.Parameters) Add(p.ParameterType, found);
                        if (mr is GenericInstanceMethod g) foreach (var a in g.GenericArguments) Add(a, found);
                        break;
                    case FieldReference fr: Add(fr.DeclaringType, found); Add(fr.FieldType, found); break;
                }
            }
        }
        foreach (var nested in type.NestedTypes) Collect(nested, found);
    }

    private static void Add(TypeReference? type, HashSet<string> found)
    {
        switch (type)
        {
            case null or GenericParameter: return;
            case GenericInstanceType g:
                Add(g.ElementType, found);
                foreach (var a in g.GenericArguments) Add(a, found);
                return;
            case TypeSpecification s: Add(s.ElementType, found); return;
            default: found.Add(type.FullName.Replace('/', '+')); return;
        }
    }
}
