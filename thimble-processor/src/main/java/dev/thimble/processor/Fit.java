package dev.thimble.processor;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The core's {@code GenericFit} and the type helpers of its {@code TargetMethods}, over {@code javax.lang.model}
 * types: whether a value of one type fits where another is wanted, as the reflective proxy decides it. A type
 * variable that the target's class leaves unbound (a generic method's own, a generic target's) fits, and is fitted
 * by, what fits its bound, unchecked, as erasure is; a raw type fits its parameterized types the same way.
 */
final class Fit {
  private final Types types;
  private final TypeMirror object;
  private final TypeMirror voidBox;

  Fit(Types types, Elements elements) {
    this.types = types;
    this.object = elements.getTypeElement("java.lang.Object").asType();
    this.voidBox = elements.getTypeElement("java.lang.Void").asType();
  }

  boolean fits(TypeMirror from, TypeMirror to) {
    if (to.getKind() == TypeKind.TYPEVAR) {
      return fitsBounds(from, (TypeVariable) to);
    }
    if (from.getKind() == TypeKind.TYPEVAR) {
      return boundsAllow((TypeVariable) from, to);
    }
    if (to.getKind() == TypeKind.WILDCARD) {
      WildcardType w = (WildcardType) to;
      if (w.getSuperBound() != null && !fits(w.getSuperBound(), from)) {
        return false;
      }
      return fits(from, upper(w));
    }
    if (from.getKind() == TypeKind.WILDCARD) {
      return fits(upper((WildcardType) from), to);
    }
    if (to.getKind() == TypeKind.ARRAY && from.getKind() == TypeKind.ARRAY) {
      TypeMirror fromComponent = ((ArrayType) from).getComponentType();
      TypeMirror toComponent = ((ArrayType) to).getComponentType();
      // Arrays are covariant, but an int[] is no Object[].
      return fromComponent.getKind().isPrimitive() ? types.isSameType(fromComponent, toComponent)
          : fits(fromComponent, toComponent);
    }
    if (!rawAssignable(raw(from), raw(to))) {
      return false;
    }
    if (to.getKind() != TypeKind.DECLARED || ((DeclaredType) to).getTypeArguments().isEmpty()) {
      return true;
    }
    List<? extends TypeMirror> fromArguments = argumentsAs(from, (TypeElement) ((DeclaredType) to).asElement());
    if (fromArguments == null) {
      return true; // a raw type: unchecked, as javac lets it pass
    }
    List<? extends TypeMirror> toArguments = ((DeclaredType) to).getTypeArguments();
    for (int i = 0; i < toArguments.size() && i < fromArguments.size(); i++) {
      if (!contains(toArguments.get(i), fromArguments.get(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean contains(TypeMirror to, TypeMirror from) {
    if (to.getKind() == TypeKind.TYPEVAR || from.getKind() == TypeKind.TYPEVAR) {
      TypeMirror a = raw(to);
      TypeMirror b = raw(from);
      return rawAssignable(b, a) || rawAssignable(a, b); // not known: anything its bound allows
    }
    if (to.getKind() == TypeKind.WILDCARD) {
      WildcardType w = (WildcardType) to;
      if (w.getSuperBound() != null) {
        TypeMirror lower = w.getSuperBound();
        if (from.getKind() == TypeKind.WILDCARD) {
          TypeMirror fromLower = ((WildcardType) from).getSuperBound();
          return fromLower != null && fits(lower, fromLower);
        }
        return fits(lower, from);
      }
      TypeMirror upper = upper(w);
      if (from.getKind() == TypeKind.WILDCARD) {
        WildcardType f = (WildcardType) from;
        return f.getSuperBound() != null ? types.isSameType(upper, object) : fits(upper(f), upper);
      }
      return fits(from, upper);
    }
    if (from.getKind() == TypeKind.WILDCARD) {
      WildcardType f = (WildcardType) from;
      return f.getSuperBound() == null && same(upper(f), to);
    }
    return same(from, to);
  }

  private boolean same(TypeMirror a, TypeMirror b) {
    return fits(a, b) && fits(b, a);
  }

  private boolean fitsBounds(TypeMirror from, TypeVariable variable) {
    TypeMirror value = box(raw(from));
    for (TypeMirror bound : bounds(variable)) {
      if (!rawAssignable(value, raw(bound))) {
        return false;
      }
    }
    return true;
  }

  private boolean boundsAllow(TypeVariable variable, TypeMirror to) {
    TypeMirror wanted = box(raw(to));
    for (TypeMirror bound : bounds(variable)) {
      TypeMirror b = raw(bound);
      if (!rawAssignable(b, wanted) && !rawAssignable(wanted, b)) {
        return false;
      }
    }
    return true;
  }

  private List<? extends TypeMirror> bounds(TypeVariable variable) {
    TypeMirror upper = variable.getUpperBound();
    if (upper.getKind() == TypeKind.INTERSECTION) {
      return ((IntersectionType) upper).getBounds();
    }
    return java.util.Collections.singletonList(upper);
  }

  /**
   * The type arguments {@code type} gives to its supertype {@code target}; {@code null} where a raw type on the way
   * leaves them unknown.
   */
  List<? extends TypeMirror> argumentsAs(TypeMirror type, TypeElement target) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    if (!element.getTypeParameters().isEmpty() && declared.getTypeArguments().isEmpty()) {
      return null; // raw
    }
    if (element.equals(target)) {
      return declared.getTypeArguments();
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED
          && rawAssignable(types.erasure(supertype), types.erasure(target.asType()))) {
        return argumentsAs(supertype, target);
      }
    }
    return null;
  }

  /** Whether a raw {@code from} is a raw {@code to}, as {@code Class.isAssignableFrom} says: primitives only as themselves. */
  boolean rawAssignable(TypeMirror from, TypeMirror to) {
    if (from.getKind().isPrimitive() || to.getKind().isPrimitive() || from.getKind() == TypeKind.VOID
        || to.getKind() == TypeKind.VOID) {
      return from.getKind() == to.getKind();
    }
    return types.isSubtype(types.erasure(from), types.erasure(to));
  }

  /** The type a type erases to; a wildcard or type variable erases to its (first) upper bound. */
  TypeMirror raw(TypeMirror type) {
    switch (type.getKind()) {
      case WILDCARD:
        return raw(upper((WildcardType) type));
      case TYPEVAR:
        return raw(bounds((TypeVariable) type).get(0));
      case DECLARED:
      case ARRAY:
        return types.erasure(type);
      default:
        return type;
    }
  }

  private TypeMirror upper(WildcardType w) {
    return w.getExtendsBound() != null ? w.getExtendsBound() : object;
  }

  /** A primitive's box ({@code void}'s is {@code Void}); any other type as it is. */
  TypeMirror box(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return types.boxedClass((PrimitiveType) type).asType();
    }
    if (type.getKind() == TypeKind.VOID) {
      return voidBox;
    }
    return type;
  }

  /** The type argument of a one-parameter generic type ({@code R} of {@code Future<R>}); {@code Object} if raw. */
  TypeMirror typeArgument(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
      if (args.size() == 1) {
        return args.get(0);
      }
    }
    return object;
  }
}
