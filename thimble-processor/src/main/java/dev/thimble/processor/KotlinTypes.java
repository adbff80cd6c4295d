package dev.thimble.processor;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import kotlin.metadata.Attributes;
import kotlin.metadata.KmClass;
import kotlin.metadata.KmClassifier;
import kotlin.metadata.KmFunction;
import kotlin.metadata.KmType;
import kotlin.metadata.KmTypeParameter;
import kotlin.metadata.KmTypeProjection;
import kotlin.metadata.KmVariance;
import kotlin.metadata.jvm.JvmExtensionsKt;
import kotlin.metadata.jvm.JvmMetadataUtil;
import kotlin.metadata.jvm.JvmMethodSignature;
import kotlin.metadata.jvm.KotlinClassMetadata;

/**
 * thimble-coroutines' {@code KotlinMemberTypes} at compile time: a Kotlin face's members as Kotlin declares them,
 * read from the {@code @kotlin.Metadata} a kapt stub carries (through kotlin-metadata-jvm), so that the messages the
 * generated code gives, and the compile errors, say what {@code suspending<S>()}'s reflective face says: whether a
 * member admits {@code null}, and types named as Kotlin names them ({@code Int}, {@code Flow<Int>}, {@code String?}).
 */
final class KotlinTypes {
  /** Which type of a member a name is asked for, as {@code KotlinMemberTypes.typeName} tells them apart. */
  enum Role {
    /** A suspend fun's result, the {@code R} of its {@code Continuation<? super R>}. */
    RESULT,
    /** The member's return type. */
    RETURN,
    /** The one type argument of the member's return type. */
    ELEMENT,
    /** Any other type (one to declare the member with): named from its Java type. */
    OTHER
  }

  private final Elements elements;
  private final Types types;
  private final Map<TypeElement, Map<String, KmFunction>> functions = new HashMap<>();

  KotlinTypes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  static boolean hasMetadata(TypeElement type) {
    return metadata(type) != null;
  }

  private static AnnotationMirror metadata(TypeElement type) {
    for (AnnotationMirror m : type.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals("kotlin.Metadata")) {
        return m;
      }
    }
    return null;
  }

  /** Whether {@code member}'s value ({@code element}: its {@code Deferred}'s value, its {@code Flow}'s elements) may be null. */
  boolean admitsNull(ExecutableElement member, boolean element) {
    KmFunction function = function(member);
    if (function == null) {
      return true;
    }
    KmType type = function.getReturnType();
    if (element) {
      type = single(type);
      if (type == null) {
        return true;
      }
    }
    return Attributes.isNullable(type) || type.getClassifier() instanceof KmClassifier.TypeParameter;
  }

  /** {@code type}, the member's type in {@code role}, as Kotlin writes it. */
  String typeName(ExecutableElement member, Role role, TypeMirror type) {
    KmFunction function = function(member);
    KmType km = null;
    if (function != null) {
      KmType declared = function.getReturnType();
      boolean suspends = suspends(member);
      if (suspends) {
        km = role == Role.RESULT ? declared : null;
      } else if (role == Role.RETURN) {
        km = declared;
      } else if (role == Role.ELEMENT) {
        km = single(declared);
      }
    }
    return km != null ? name(km, function) : javaName(type);
  }

  /** {@code Deferred<String?>}, {@code Flow<Int?>}: the member's return type with a nullable argument. */
  String nullableElementName(ExecutableElement member, TypeMirror returnType, TypeMirror element) {
    String whole = typeName(member, Role.RETURN, returnType);
    int lt = whole.indexOf('<');
    return (lt < 0 ? whole : whole.substring(0, lt)) + "<" + typeName(member, Role.ELEMENT, element) + "?>";
  }

  private static KmType single(KmType type) {
    List<KmTypeProjection> arguments = type.getArguments();
    return arguments.size() == 1 ? arguments.get(0).getType() : null;
  }

  /** Whether the member is a suspend fun: its last parameter is a {@code kotlin.coroutines.Continuation}. */
  boolean suspends(ExecutableElement member) {
    List<? extends VariableElement> p = member.getParameters();
    if (p.isEmpty()) {
      return false;
    }
    TypeMirror last = types.erasure(p.get(p.size() - 1).asType());
    return last.getKind() == TypeKind.DECLARED && ((TypeElement) ((DeclaredType) last).asElement())
        .getQualifiedName().contentEquals("kotlin.coroutines.Continuation");
  }

  private KmFunction function(ExecutableElement member) {
    Element declaring = member.getEnclosingElement();
    if (!(declaring instanceof TypeElement)) {
      return null;
    }
    return functions.computeIfAbsent((TypeElement) declaring, this::read)
        .get(member.getSimpleName() + descriptor(member));
  }

  private Map<String, KmFunction> read(TypeElement face) {
    AnnotationMirror annotation = metadata(face);
    if (annotation == null) {
      return Collections.emptyMap();
    }
    Integer kind = null;
    int[] version = null;
    String[] d1 = null;
    String[] d2 = null;
    String xs = null;
    String pn = null;
    Integer xi = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : annotation.getElementValues().entrySet()) {
      Object v = e.getValue().getValue();
      switch (e.getKey().getSimpleName().toString()) {
        case "k":
          kind = (Integer) v;
          break;
        case "mv":
          List<?> mv = (List<?>) v;
          version = new int[mv.size()];
          for (int i = 0; i < version.length; i++) {
            version[i] = (Integer) ((AnnotationValue) mv.get(i)).getValue();
          }
          break;
        case "d1":
          d1 = strings((List<?>) v);
          break;
        case "d2":
          d2 = strings((List<?>) v);
          break;
        case "xs":
          xs = (String) v;
          break;
        case "pn":
          pn = (String) v;
          break;
        case "xi":
          xi = (Integer) v;
          break;
        default:
          break;
      }
    }
    KmClass kmClass;
    try {
      KotlinClassMetadata read = KotlinClassMetadata.readLenient(JvmMetadataUtil.Metadata(kind, version, d1, d2, xs,
          pn, xi));
      if (!(read instanceof KotlinClassMetadata.Class)) {
        return Collections.emptyMap();
      }
      kmClass = ((KotlinClassMetadata.Class) read).getKmClass();
    } catch (IllegalArgumentException newer) {
      return Collections.emptyMap(); // a Kotlin newer than this reader: nullability unknown, null admitted
    }
    Map<String, KmFunction> byName = new HashMap<>();
    for (KmFunction f : kmClass.getFunctions()) {
      JvmMethodSignature signature = JvmExtensionsKt.getSignature(f);
      if (signature != null) {
        byName.put(signature.toString(), f);
      }
    }
    return byName;
  }

  private static String[] strings(List<?> values) {
    String[] s = new String[values.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = (String) ((AnnotationValue) values.get(i)).getValue();
    }
    return s;
  }

  private String name(KmType type, KmFunction function) {
    KmClassifier c = type.getClassifier();
    String base;
    if (c instanceof KmClassifier.Class) {
      base = simple(((KmClassifier.Class) c).getName());
    } else if (c instanceof KmClassifier.TypeAlias) {
      base = simple(((KmClassifier.TypeAlias) c).getName());
    } else {
      int id = ((KmClassifier.TypeParameter) c).getId();
      base = "T";
      if (function != null) {
        for (KmTypeParameter p : function.getTypeParameters()) {
          if (p.getId() == id) {
            base = p.getName();
            break;
          }
        }
      }
    }
    StringBuilder s = new StringBuilder(base);
    if (!type.getArguments().isEmpty()) {
      s.append('<');
      for (int i = 0; i < type.getArguments().size(); i++) {
        KmTypeProjection p = type.getArguments().get(i);
        s.append(i > 0 ? ", " : "");
        if (p.getType() == null) {
          s.append('*');
          continue;
        }
        if (p.getVariance() == KmVariance.IN) {
          s.append("in ");
        } else if (p.getVariance() == KmVariance.OUT) {
          s.append("out ");
        }
        s.append(name(p.getType(), function));
      }
      s.append('>');
    }
    return s.append(Attributes.isNullable(type) ? "?" : "").toString();
  }

  private static String simple(String kotlinName) {
    String afterSlash = kotlinName.substring(kotlinName.lastIndexOf('/') + 1);
    return afterSlash.substring(afterSlash.lastIndexOf('.') + 1);
  }

  /** A Java type as Kotlin writes it: {@code Int} for {@code int} and {@code Integer}, {@code Any}, {@code IntArray}. */
  String javaName(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY: {
        TypeMirror component = ((ArrayType) type).getComponentType();
        return component.getKind().isPrimitive() ? javaName(component) + "Array" : "Array<" + javaName(component) + ">";
      }
      case VOID:
        return "Unit";
      case BOOLEAN:
        return "Boolean";
      case BYTE:
        return "Byte";
      case SHORT:
        return "Short";
      case INT:
        return "Int";
      case LONG:
        return "Long";
      case CHAR:
        return "Char";
      case FLOAT:
        return "Float";
      case DOUBLE:
        return "Double";
      case DECLARED: {
        DeclaredType d = (DeclaredType) type;
        TypeElement e = (TypeElement) d.asElement();
        String q = e.getQualifiedName().toString();
        String base;
        switch (q) {
          case "java.lang.Object":
            base = "Any";
            break;
          case "java.lang.Void":
            base = "Unit";
            break;
          case "java.lang.Integer":
            base = "Int";
            break;
          case "java.lang.Character":
            base = "Char";
            break;
          case "java.lang.Boolean":
          case "java.lang.Byte":
          case "java.lang.Short":
          case "java.lang.Long":
          case "java.lang.Float":
          case "java.lang.Double":
            base = e.getSimpleName().toString();
            break;
          default:
            base = e.getSimpleName().toString();
        }
        if (d.getTypeArguments().isEmpty()) {
          return base;
        }
        StringBuilder s = new StringBuilder(base).append('<');
        for (int i = 0; i < d.getTypeArguments().size(); i++) {
          s.append(i > 0 ? ", " : "").append(javaName(d.getTypeArguments().get(i)));
        }
        return s.append('>').toString();
      }
      case WILDCARD: {
        WildcardType w = (WildcardType) type;
        if (w.getSuperBound() != null) {
          return "in " + javaName(w.getSuperBound());
        }
        TypeMirror upper = w.getExtendsBound();
        return upper == null || upper.toString().equals("java.lang.Object") ? "*" : "out " + javaName(upper);
      }
      case TYPEVAR:
        return ((javax.lang.model.type.TypeVariable) type).asElement().getSimpleName().toString();
      default:
        return type.toString();
    }
  }

  /** {@code (Ljava/lang/String;)Ljava/lang/Object;}: the member's JVM descriptor, as Kotlin's metadata names it. */
  private String descriptor(ExecutableElement m) {
    StringBuilder s = new StringBuilder("(");
    for (VariableElement p : m.getParameters()) {
      s.append(descriptor(types.erasure(p.asType())));
    }
    return s.append(')').append(descriptor(types.erasure(m.getReturnType()))).toString();
  }

  private String descriptor(TypeMirror t) {
    switch (t.getKind()) {
      case ARRAY:
        return "[" + descriptor(((ArrayType) t).getComponentType());
      case VOID:
        return "V";
      case INT:
        return "I";
      case LONG:
        return "J";
      case BOOLEAN:
        return "Z";
      case BYTE:
        return "B";
      case SHORT:
        return "S";
      case CHAR:
        return "C";
      case FLOAT:
        return "F";
      case DOUBLE:
        return "D";
      case DECLARED:
        return "L" + elements.getBinaryName((TypeElement) ((DeclaredType) t).asElement()).toString()
            .replace('.', '/') + ";";
      default:
        return "Ljava/lang/Object;";
    }
  }
}
