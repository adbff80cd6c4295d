package dev.thimble.processor;

import dev.thimble.internal.FaceMessages;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Generates, for each interface annotated {@code @dev.thimble.ThimbleFace(target = T.class)}, the class {@code
 * Face_Thimble} next to it: it implements the face by calling {@code T}'s methods directly, with the thimble's
 * policies, as the reflective proxy of {@code Thimble.proxy} would. A face that does not match its target is a
 * compile error at the face method, with the message {@code proxy(...)} would give.
 *
 * <p>A Kotlin face (a kapt stub, which carries the class's {@code @kotlin.Metadata}) is made as thimble-coroutines'
 * {@code suspending<S>()} makes it: {@code suspend fun}s, {@code Deferred} and {@code Flow} members and bodies in
 * {@code DefaultImpls} go through {@code dev.thimble.coroutines.internal.GeneratedMembers}, with the null messages and
 * type names read from the metadata.
 *
 * <p>A generic face, or a face or target the generated class could not name from the face's package, gets no class:
 * a note says so, and {@code proxy(...)} makes the reflective proxy, which behaves the same.
 */
public final class ThimbleFaceProcessor extends AbstractProcessor {
  static final String ANNOTATION = "dev.thimble.ThimbleFace";
  private static final String SUFFIX = "_Thimble";

  private Types types;
  private Elements elements;
  private Messager messager;
  private Fit fit;
  private KotlinTypes kotlin;

  /** For the compiler, which finds the processor through {@code META-INF/services}. */
  public ThimbleFaceProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Collections.singleton(ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (types == null) {
      types = processingEnv.getTypeUtils();
      elements = processingEnv.getElementUtils();
      messager = processingEnv.getMessager();
      fit = new Fit(types, elements);
      kotlin = new KotlinTypes(elements, types);
    }
    TypeElement annotation = elements.getTypeElement(ANNOTATION);
    if (annotation == null) {
      return false;
    }
    for (Element e : round.getElementsAnnotatedWith(annotation)) {
      TypeMirror target = target(e);
      if (target == null || target.getKind() == TypeKind.ERROR) {
        continue; // javac reports the missing class itself
      }
      face(e, target);
    }
    // Claimed: otherwise -Xlint:processing warns that no processor claimed it, and -Werror fails the user's build.
    return true;
  }

  private TypeMirror target(Element face) {
    for (AnnotationMirror m : face.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v : m.getElementValues().entrySet()) {
          if (v.getKey().getSimpleName().contentEquals("target") && v.getValue().getValue() instanceof TypeMirror) {
            return (TypeMirror) v.getValue().getValue();
          }
        }
      }
    }
    return null;
  }

  private void face(Element element, TypeMirror targetType) {
    if (targetType.getKind() != TypeKind.DECLARED) {
      note(element, "its target is not a class");
      return;
    }
    TypeElement target = (TypeElement) ((DeclaredType) targetType).asElement();
    if (element.getKind() != ElementKind.INTERFACE) {
      // As Thimble.proxy says it (Class.getName: a binary name).
      messager.printMessage(Diagnostic.Kind.ERROR, FaceMessages.notAnInterface(
          elements.getBinaryName((TypeElement) element).toString(), "a class", target.getSimpleName().toString()),
          element);
      return;
    }
    TypeElement face = (TypeElement) element;
    if (!face.getTypeParameters().isEmpty()) {
      note(face, "it is generic");
      return;
    }
    PackageElement pkg = elements.getPackageOf(face);
    if (!accessible(face, pkg) || !accessible(target, pkg)) {
      note(face, (accessible(face, pkg) ? target.getSimpleName() : face.getSimpleName())
          + " cannot be named from package " + pkg.getQualifiedName());
      return;
    }
    // The target's own type variables stay unbound, as the reflective proxy sees a runtime class.
    DeclaredType targetAsDeclared = (DeclaredType) target.asType();
    DeclaredType faceType = (DeclaredType) face.asType();
    List<Member> members = new ArrayList<>();
    Map<String, Member> bySignature = new LinkedHashMap<>();
    boolean ok = true;
    // A Kotlin face (a kapt stub) is made as suspending<S>() makes it: suspend funs, Deferred and Flow members,
    // bodies in DefaultImpls, types named as Kotlin names them.
    boolean isKotlin = KotlinTypes.hasMetadata(face);
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(face))) {
      boolean suspendingBody = isKotlin && !m.getModifiers().contains(Modifier.ABSTRACT) && kotlin.suspends(m)
          && defaultImplsBody(m) != null;
      if (m.getModifiers().contains(Modifier.STATIC) || !m.getModifiers().contains(Modifier.ABSTRACT)
          && !suspendingBody || isObjectMethod(m)) {
        // Default methods run as written; equals, hashCode and toString are the base class's. A Kotlin suspend fun
        // with a body is a JVM default method too (Kotlin 2's stubs): it is overridden all the same, to run its
        // DefaultImpls body through suspendBody, so that a failure before its first suspension reaches the
        // continuation, as suspending<S>() runs it.
        continue;
      }
      Member member;
      try {
        member = member(faceType, m, target, targetAsDeclared, isKotlin);
      } catch (FaceError e) {
        messager.printMessage(Diagnostic.Kind.ERROR, e.getMessage(), m);
        ok = false;
        continue;
      }
      String key = m.getSimpleName() + erasedParameters(member.faceType);
      Member seen = bySignature.get(key);
      if (seen == null || types.isSubtype(member.faceType.getReturnType(), seen.faceType.getReturnType())) {
        bySignature.put(key, member); // one override for a method two superinterfaces declare: the most specific
      }
    }
    if (!ok) {
      return;
    }
    members.addAll(bySignature.values());
    Source source = new Source(face, pkg);
    String why = source.cannotName(members, target);
    if (why != null) {
      note(face, why);
      return;
    }
    write(face, target, members, source);
  }

  private void note(Element face, String why) {
    messager.printMessage(Diagnostic.Kind.NOTE, "thimble-processor: no class generated for " + face.getSimpleName()
        + " (" + why + "); Thimble.proxy makes a reflective proxy for it, which behaves the same", face);
  }

  /** Whether code in {@code pkg} can name {@code type}. */
  private boolean accessible(TypeElement type, PackageElement pkg) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      TypeElement t = (TypeElement) e;
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS
          || t.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!t.getModifiers().contains(Modifier.PUBLIC) && !elements.getPackageOf(t).equals(pkg)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isObjectMethod(ExecutableElement m) {
    String name = m.getSimpleName().toString();
    int n = m.getParameters().size();
    return (name.equals("equals") && n == 1
        && m.getParameters().get(0).asType().toString().equals("java.lang.Object"))
        || (name.equals("hashCode") && n == 0) || (name.equals("toString") && n == 0);
  }

  private String erasedParameters(ExecutableType t) {
    StringBuilder s = new StringBuilder("(");
    for (TypeMirror p : t.getParameterTypes()) {
      s.append(types.erasure(p)).append(',');
    }
    return s.append(')').toString();
  }

  // ---- matching, as TargetMethods.match and FaceParser.parse do it ----

  enum Kind {
    /** Runs on the pool: a future of the target's result. */
    ASYNC,
    /** The target returns a future already: passed on. */
    ALREADY_ASYNC,
    /** Called on the caller's thread. */
    CALL,
    /** Kotlin: a {@code suspend fun}. */
    SUSPEND,
    /** Kotlin: returns {@code Deferred<R>}. */
    DEFERRED,
    /** Kotlin: returns {@code Flow<E>} over the target's {@code Iterator}, {@code Iterable} or {@code Stream}. */
    FLOW,
    /** Kotlin: a member whose body is in {@code Face.DefaultImpls}. */
    BODY,
    /** Kotlin: a {@code suspend fun} whose body is in {@code Face.DefaultImpls}. */
    SUSPEND_BODY
  }

  /** One face member and the target method it calls. */
  static final class Member {
    final ExecutableElement face;
    /** The face method as a member of the face. */
    final ExecutableType faceType;
    final String faceName;
    final ExecutableElement target;
    /** The target method as a member of the target's class. */
    final ExecutableType targetType;
    final Kind kind;
    /** Kotlin members: the result is dropped ({@code Unit}). */
    boolean returnsUnit;
    /** Kotlin members: the message of a {@code null} where none is admitted (a Flow's: of a null source). */
    String ifNull;
    /** A {@code Flow} member: the message of a {@code null} element, or {@code null} if admitted. */
    String ifNullElement;
    /** {@link Kind#BODY}, {@link Kind#SUSPEND_BODY}: the static method in {@code DefaultImpls}. */
    ExecutableElement body;

    Member(ExecutableElement face, ExecutableType faceType, String faceName, ExecutableElement target,
        ExecutableType targetType, Kind kind) {
      this.face = face;
      this.faceType = faceType;
      this.faceName = faceName;
      this.target = target;
      this.targetType = targetType;
      this.kind = kind;
    }

    /** How many of the face method's parameters are the target method's: all but a suspend fun's continuation. */
    int targetArguments() {
      return kind == Kind.SUSPEND ? face.getParameters().size() - 1 : face.getParameters().size();
    }
  }

  /** A face that does not match its target: the message {@code proxy(...)} gives. */
  static final class FaceError extends Exception {
    private static final long serialVersionUID = 1L;

    FaceError(String message) {
      super(message, null, false, false);
    }
  }

  private final class Candidate {
    final ExecutableElement method;
    final ExecutableType resolved;

    Candidate(ExecutableElement method, DeclaredType targetType) {
      this.method = method;
      this.resolved = (ExecutableType) types.asMemberOf(targetType, method);
    }
  }

  /** Names of a member's types in messages: Java's ({@code Thimble.proxy}) or Kotlin's ({@code suspending<S>()}). */
  private String name(boolean isKotlin, ExecutableElement m, KotlinTypes.Role role, TypeMirror type) {
    return isKotlin ? kotlin.typeName(m, role, type) : typeName(type);
  }

  private Member member(DeclaredType faceType, ExecutableElement m, TypeElement target, DeclaredType targetType,
      boolean isKotlin) throws FaceError {
    ExecutableType asMember = (ExecutableType) types.asMemberOf(faceType, m);
    String faceName = m.getEnclosingElement().getSimpleName().toString();
    String name = m.getSimpleName().toString();
    List<? extends TypeMirror> wanted = asMember.getParameterTypes();
    TypeMirror faceReturn = asMember.getReturnType();
    if (isKotlin) {
      ExecutableElement body = defaultImplsBody(m);
      if (body != null) {
        Member member = new Member(m, asMember, faceName, null, null,
            kotlin.suspends(m) ? Kind.SUSPEND_BODY : Kind.BODY);
        member.body = body;
        return member;
      }
      if (kotlin.suspends(m)) {
        return kotlinMember(target, targetType, m, asMember, faceName, Kind.SUSPEND,
            wanted.subList(0, wanted.size() - 1), resultOfContinuation(wanted.get(wanted.size() - 1)));
      }
      if (isType(faceReturn, "kotlinx.coroutines.Deferred")) {
        return kotlinMember(target, targetType, m, asMember, faceName, Kind.DEFERRED, wanted,
            kotlinTypeArgument(faceReturn));
      }
      if (isType(faceReturn, "kotlinx.coroutines.flow.Flow")) {
        return kotlinMember(target, targetType, m, asMember, faceName, Kind.FLOW, wanted, null);
      }
    }
    Candidate match = match(target, targetType, m, faceName, name, wanted);
    ExecutableElement t = match.method;
    TypeMirror returned = match.resolved.getReturnType();
    String targetSimple = t.getEnclosingElement().getSimpleName().toString();
    String targetSignature = targetSimple + "." + erasedSignature(t);
    if (isFutureType(faceReturn)) {
      if (fit.rawAssignable(types.erasure(t.getReturnType()), types.erasure(faceReturn))) {
        TypeMirror given = fit.typeArgument(returned);
        if (!fit.fits(given, fit.typeArgument(faceReturn))) {
          throw error(FaceMessages.alreadyAsyncDoesNotFit(targetSimple + "." + name, typeName(returned),
              name(isKotlin, m, KotlinTypes.Role.RETURN, faceReturn)), faceName, name);
        }
        return new Member(m, asMember, faceName, t, match.resolved, Kind.ALREADY_ASYNC);
      }
      TypeMirror value = fit.typeArgument(faceReturn);
      checkResult(isKotlin, m, match, value, simpleName(faceReturn) + "'s value",
          value.getKind() == TypeKind.WILDCARD ? KotlinTypes.Role.OTHER : KotlinTypes.Role.ELEMENT);
      return new Member(m, asMember, faceName, t, match.resolved, Kind.ASYNC);
    }
    TypeMirror wantedRaw = fit.raw(faceReturn);
    TypeMirror returnedRaw = fit.raw(returned);
    boolean fits = faceReturn.getKind() == TypeKind.VOID
        || (wantedRaw.getKind().isPrimitive()
            ? wantedRaw.getKind() == returnedRaw.getKind() || fit.rawAssignable(fit.box(wantedRaw), returnedRaw)
                && fit.rawAssignable(returnedRaw, fit.box(wantedRaw))
            : fit.fits(returnedRaw.getKind().isPrimitive() || returnedRaw.getKind() == TypeKind.VOID
                ? fit.box(returnedRaw) : returned, faceReturn));
    if (!fits) {
      throw error(FaceMessages.passThroughDoesNotFit(targetSignature, typeName(returned),
          name(isKotlin, m, KotlinTypes.Role.RETURN, faceReturn), isKotlin ? "declare it suspend"
              : "return CompletableFuture<" + typeName(fit.box(returnedRaw)) + ">"), faceName, name);
    }
    return new Member(m, asMember, faceName, t, match.resolved, Kind.CALL);
  }

  /**
   * {@code TargetMethods.checkResult}: the target's result, as its class binds it, fits {@code wanted}.
   *
   * @param role which of the member's types {@code wanted} is, for its Kotlin name
   */
  private void checkResult(boolean isKotlin, ExecutableElement m, Candidate match, TypeMirror wanted, String what,
      KotlinTypes.Role role) throws FaceError {
    TypeMirror returned = match.resolved.getReturnType();
    TypeMirror returnedBoxed = fit.box(returned);
    if (!fit.fits(returnedBoxed, fit.box(wanted))) {
      boolean classesFit = fit.rawAssignable(fit.box(fit.raw(returned)), fit.box(fit.raw(wanted)));
      ExecutableElement t = match.method;
      throw error(FaceMessages.resultDoesNotFit(t.getEnclosingElement().getSimpleName() + "." + erasedSignature(t),
          typeName(returned), what, name(isKotlin, m, role, wanted), name(isKotlin, m, KotlinTypes.Role.OTHER,
              classesFit ? returnedBoxed : fit.box(fit.raw(returned)))),
          m.getEnclosingElement().getSimpleName().toString(), m.getSimpleName().toString());
    }
  }

  /** A Kotlin adapter's kind of member, as {@code SuspendingFaceAdapter}'s kinds parse it. */
  private Member kotlinMember(TypeElement target, DeclaredType targetType, ExecutableElement m,
      ExecutableType asMember, String faceName, Kind kind, List<? extends TypeMirror> parameters,
      TypeMirror result) throws FaceError {
    String name = m.getSimpleName().toString();
    Candidate match = match(target, targetType, m, faceName, name, parameters);
    Member member = new Member(m, asMember, faceName, match.method, match.resolved, kind);
    String signature = match.method.getEnclosingElement().getSimpleName() + "." + erasedSignature(match.method);
    TypeMirror faceReturn = asMember.getReturnType();
    if (kind == Kind.FLOW) {
      TypeMirror returnType = match.resolved.getReturnType();
      String returned = typeName(returnType);
      TypeMirror raw = returnType.getKind() == TypeKind.DECLARED ? types.erasure(returnType)
          : types.erasure(match.method.getReturnType());
      TypeElement source = null;
      for (String s : new String[] {"java.util.Iterator", "java.lang.Iterable", "java.util.stream.Stream"}) {
        TypeElement e = elements.getTypeElement(s);
        if (fit.rawAssignable(raw, types.erasure(e.asType()))) {
          source = e;
          break;
        }
      }
      if (source == null) {
        throw error(FaceMessages.notAFlowSource(signature, returned), faceName, name);
      }
      TypeMirror wanted = kotlinTypeArgument(faceReturn);
      List<? extends TypeMirror> given = fit.argumentsAs(returnType, source);
      if (given != null && given.size() == 1 && !fit.fits(given.get(0), fit.box(wanted))) {
        throw error(FaceMessages.flowElementsDoNotFit(signature, returned,
            kotlin.typeName(m, KotlinTypes.Role.RETURN, faceReturn)), faceName, name);
      }
      member.ifNull = FaceMessages.forMethod(FaceMessages.nullFlowSource(signature, returned), faceName, name);
      if (!kotlin.admitsNull(m, true)) {
        member.ifNullElement = FaceMessages.forMethod(FaceMessages.nullForNonNull(signature, "a null element",
            kotlin.typeName(m, KotlinTypes.Role.RETURN, faceReturn),
            kotlin.nullableElementName(m, faceReturn, wanted)), faceName, name);
      }
      return member;
    }
    member.returnsUnit = isType(result, "kotlin.Unit");
    KotlinTypes.Role role = kind == Kind.SUSPEND ? KotlinTypes.Role.RESULT : KotlinTypes.Role.ELEMENT;
    if (!member.returnsUnit) {
      checkResult(true, m, match, result, "the result", role);
      if (!kotlin.admitsNull(m, kind == Kind.DEFERRED)) {
        String declared = kind == Kind.SUSPEND ? kotlin.typeName(m, role, result)
            : kotlin.typeName(m, KotlinTypes.Role.RETURN, faceReturn);
        String nullable = kind == Kind.SUSPEND ? declared + "?" : kotlin.nullableElementName(m, faceReturn, result);
        member.ifNull = FaceMessages.forMethod(FaceMessages.nullForNonNull(signature, "null", declared, nullable),
            faceName, name);
      }
    }
    return member;
  }

  /** {@code R} of a suspend fun's {@code Continuation<? super R>}. */
  private TypeMirror resultOfContinuation(TypeMirror continuation) {
    TypeMirror argument = kotlinTypeArgument(continuation);
    if (argument.getKind() == TypeKind.WILDCARD && ((WildcardType) argument).getSuperBound() != null) {
      return ((WildcardType) argument).getSuperBound();
    }
    return argument;
  }

  /** The one type argument of {@code Deferred<R>}, {@code Flow<E>}; {@code ? extends E} as {@code E}. */
  private TypeMirror kotlinTypeArgument(TypeMirror type) {
    TypeMirror argument = fit.typeArgument(type);
    if (argument.getKind() == TypeKind.WILDCARD && ((WildcardType) argument).getSuperBound() == null) {
      TypeMirror upper = ((WildcardType) argument).getExtendsBound();
      return upper != null ? upper : elements.getTypeElement("java.lang.Object").asType();
    }
    return argument;
  }

  private static boolean isType(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  /** The public static {@code Face.DefaultImpls.m(Face, ...)} that holds a Kotlin member's body, or {@code null}. */
  private ExecutableElement defaultImplsBody(ExecutableElement m) {
    TypeElement declaring = (TypeElement) m.getEnclosingElement();
    for (TypeElement nested : ElementFilter.typesIn(declaring.getEnclosedElements())) {
      if (!nested.getSimpleName().contentEquals("DefaultImpls")) {
        continue;
      }
      for (ExecutableElement body : ElementFilter.methodsIn(nested.getEnclosedElements())) {
        if (!body.getSimpleName().contentEquals(m.getSimpleName())
            || !body.getModifiers().contains(Modifier.STATIC) || !body.getModifiers().contains(Modifier.PUBLIC)
            || body.getParameters().size() != m.getParameters().size() + 1
            || !types.isSameType(types.erasure(body.getParameters().get(0).asType()),
                types.erasure(declaring.asType()))) {
          continue;
        }
        boolean same = true;
        for (int i = 0; i < m.getParameters().size() && same; i++) {
          same = types.isSameType(types.erasure(body.getParameters().get(i + 1).asType()),
              types.erasure(m.getParameters().get(i).asType()));
        }
        if (same) {
          return body;
        }
      }
    }
    return null;
  }

  private static FaceError error(String message, String face, String member) {
    return new FaceError(FaceMessages.forMethod(message, face, member));
  }

  private boolean isFutureType(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    String n = ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    return n.equals("java.util.concurrent.CompletableFuture") || n.equals("java.util.concurrent.CompletionStage")
        || n.equals("java.util.concurrent.Future");
  }

  private Candidate match(TypeElement target, DeclaredType targetType, ExecutableElement m, String faceName,
      String name, List<? extends TypeMirror> wanted) throws FaceError {
    List<Candidate> sameName = new ArrayList<>();
    for (ExecutableElement c : publicMethods(target)) {
      if (c.getSimpleName().contentEquals(name) && c.getParameters().size() == wanted.size()) {
        sameName.add(new Candidate(c, targetType));
      }
    }
    List<Candidate> fitting = applicable(sameName, wanted, false);
    if (fitting.isEmpty()) {
      fitting = applicable(sameName, wanted, true); // as Java does: boxing only when nothing fits without
    }
    String wantedSignature = signature(name, wanted);
    if (fitting.isEmpty()) {
      throw error(FaceMessages.noSuchMethod(target.getSimpleName().toString(), wantedSignature,
          closest(target, targetType, name)), faceName, name);
    }
    List<Candidate> best = mostSpecific(fitting);
    if (best.size() > 1) {
      List<String> candidates = new ArrayList<>();
      for (Candidate c : best) {
        candidates.add(signature(name, c.resolved.getParameterTypes()));
      }
      throw error(FaceMessages.ambiguous(target.getSimpleName().toString(), wantedSignature, candidates), faceName,
          name);
    }
    return best.get(0);
  }

  /** The target's public instance methods, its own and inherited ({@code Class.getMethods} less the static ones). */
  private List<ExecutableElement> publicMethods(TypeElement target) {
    List<ExecutableElement> all = new ArrayList<>();
    for (ExecutableElement c : ElementFilter.methodsIn(elements.getAllMembers(target))) {
      if (c.getModifiers().contains(Modifier.PUBLIC) && !c.getModifiers().contains(Modifier.STATIC)) {
        all.add(c);
      }
    }
    return all;
  }

  private List<Candidate> applicable(List<Candidate> candidates, List<? extends TypeMirror> wanted,
      boolean boxing) {
    List<Candidate> fitting = new ArrayList<>();
    for (Candidate c : candidates) {
      boolean fits = true;
      for (int i = 0; i < wanted.size() && fits; i++) {
        TypeMirror from = wanted.get(i);
        TypeMirror to = c.resolved.getParameterTypes().get(i);
        fits = boxing ? fit.fits(fit.box(from), fit.box(to)) : fit.fits(from, to);
      }
      if (fits) {
        fitting.add(c);
      }
    }
    return fitting;
  }

  private List<Candidate> mostSpecific(List<Candidate> fitting) {
    List<Candidate> best = new ArrayList<>();
    for (Candidate m : fitting) {
      boolean beaten = false;
      for (Candidate other : fitting) {
        if (other != m && isSubsignature(other, m) && !isSubsignature(m, other)) {
          beaten = true;
          break;
        }
      }
      if (!beaten) {
        best.add(m);
      }
    }
    return best;
  }

  private boolean isSubsignature(Candidate specific, Candidate general) {
    for (int i = 0; i < specific.resolved.getParameterTypes().size(); i++) {
      if (!fit.rawAssignable(fit.raw(specific.resolved.getParameterTypes().get(i)),
          fit.raw(general.resolved.getParameterTypes().get(i)))) {
        return false;
      }
    }
    return true;
  }

  private String closest(TypeElement target, DeclaredType targetType, String name) {
    List<String> sameName = new ArrayList<>();
    List<String> otherNames = new ArrayList<>();
    List<String> otherSignatures = new ArrayList<>();
    for (ExecutableElement c : publicMethods(target)) {
      if (((TypeElement) c.getEnclosingElement()).getQualifiedName().contentEquals("java.lang.Object")) {
        continue;
      }
      if (c.getSimpleName().contentEquals(name)) {
        sameName.add(signature(name, new Candidate(c, targetType).resolved.getParameterTypes()));
      } else {
        otherNames.add(c.getSimpleName().toString());
        otherSignatures.add(erasedSignature(c));
      }
    }
    return FaceMessages.closest(name, sameName, true, otherNames, otherSignatures);
  }

  // ---- names, as FaceMessages writes them ----

  private String signature(String name, List<? extends TypeMirror> parameterTypes) {
    String[] names = new String[parameterTypes.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = typeName(parameterTypes.get(i));
    }
    return FaceMessages.signature(name, names);
  }

  /** {@code driveTo(String)}, with the method's parameter types erased, as {@code Method.getParameterTypes} has them. */
  private String erasedSignature(ExecutableElement m) {
    List<TypeMirror> erased = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      erased.add(types.erasure(p.asType()));
    }
    return signature(m.getSimpleName().toString(), erased);
  }

  private static String simpleName(TypeMirror type) {
    return ((DeclaredType) type).asElement().getSimpleName().toString();
  }

  /** {@code FaceMessages.typeName} for a {@code TypeMirror}: simple names, type arguments, wildcards. */
  String typeName(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return typeName(((ArrayType) type).getComponentType()) + "[]";
      case DECLARED: {
        DeclaredType d = (DeclaredType) type;
        StringBuilder s = new StringBuilder(d.asElement().getSimpleName());
        if (!d.getTypeArguments().isEmpty()) {
          s.append('<');
          for (int i = 0; i < d.getTypeArguments().size(); i++) {
            s.append(i > 0 ? ", " : "").append(typeName(d.getTypeArguments().get(i)));
          }
          s.append('>');
        }
        return s.toString();
      }
      case WILDCARD: {
        WildcardType w = (WildcardType) type;
        if (w.getSuperBound() != null) {
          return "? super " + typeName(w.getSuperBound());
        }
        TypeMirror upper = w.getExtendsBound();
        return upper == null || upper.toString().equals("java.lang.Object") ? "?" : "? extends " + typeName(upper);
      }
      case TYPEVAR:
        return ((TypeVariable) type).asElement().getSimpleName().toString();
      default:
        return type.getKind().isPrimitive() || type.getKind() == TypeKind.VOID
            ? type.getKind().name().toLowerCase(java.util.Locale.ROOT) : type.toString();
    }
  }

  // ---- the generated source ----

  /** How the generated class names types: qualified, but for {@code java.lang}'s and its own package's. */
  private final class Source {
    private final TypeElement face;
    private final PackageElement pkg;
    private final Set<String> memberTypes = new java.util.HashSet<>();
    boolean unchecked;
    boolean rawtypes;
    boolean usesGeneratedMembers;

    Source(TypeElement face, PackageElement pkg) {
      this.face = face;
      this.pkg = pkg;
      for (TypeElement t : ElementFilter.typesIn(elements.getAllMembers(face))) {
        memberTypes.add(t.getSimpleName().toString()); // inherited into the generated class: they hide others
      }
    }

    /** Why the generated class could not name a type it needs, or {@code null}. */
    String cannotName(List<Member> members, TypeElement target) {
      for (Member m : members) {
        List<TypeMirror> all = new ArrayList<>(m.faceType.getParameterTypes());
        all.add(m.faceType.getReturnType());
        all.addAll(m.faceType.getThrownTypes());
        if (m.target != null) {
          all.addAll(m.targetType.getParameterTypes());
          for (VariableElement p : m.target.getParameters()) {
            all.add(types.erasure(p.asType()));
          }
        }
        for (TypeMirror t : all) {
          TypeElement hidden = inaccessible(t);
          if (hidden != null) {
            return m.face.getSimpleName() + " needs " + hidden.getSimpleName() + ", which cannot be named from "
                + "package " + pkg.getQualifiedName();
          }
        }
        for (TypeMirror thrown : m.faceType.getThrownTypes()) {
          if (thrown.getKind() != TypeKind.DECLARED) {
            return m.face.getSimpleName() + " throws a type variable";
          }
        }
      }
      return null;
    }

    private TypeElement inaccessible(TypeMirror t) {
      switch (t.getKind()) {
        case ARRAY:
          return inaccessible(((ArrayType) t).getComponentType());
        case DECLARED:
          TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
          if (!accessible(e, pkg)) {
            return e;
          }
          for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
            TypeElement hidden = inaccessible(a);
            if (hidden != null) {
              return hidden;
            }
          }
          return null;
        case WILDCARD:
          WildcardType w = (WildcardType) t;
          return w.getExtendsBound() != null ? inaccessible(w.getExtendsBound())
              : w.getSuperBound() != null ? inaccessible(w.getSuperBound()) : null;
        default:
          return null;
      }
    }

    String name(TypeElement e) {
      String simple = e.getSimpleName().toString();
      if (e.getNestingKind() == NestingKind.TOP_LEVEL && !memberTypes.contains(simple)) {
        PackageElement p = elements.getPackageOf(e);
        if (p.equals(pkg)) {
          return simple;
        }
        if (p.getQualifiedName().contentEquals("java.lang") && elements.getTypeElement(
            pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple) == null) {
          return simple;
        }
      }
      if (e.getNestingKind() == NestingKind.MEMBER) {
        return name((TypeElement) e.getEnclosingElement()) + "." + simple;
      }
      return e.getQualifiedName().toString();
    }

    /** A type as source: annotations left out. */
    String type(TypeMirror t) {
      switch (t.getKind()) {
        case ARRAY:
          return type(((ArrayType) t).getComponentType()) + "[]";
        case DECLARED: {
          DeclaredType d = (DeclaredType) t;
          TypeElement e = (TypeElement) d.asElement();
          StringBuilder s = new StringBuilder(name(e));
          if (!d.getTypeArguments().isEmpty()) {
            s.append('<');
            for (int i = 0; i < d.getTypeArguments().size(); i++) {
              s.append(i > 0 ? ", " : "").append(type(d.getTypeArguments().get(i)));
            }
            s.append('>');
          } else if (!e.getTypeParameters().isEmpty()) {
            rawtypes = true;
          }
          return s.toString();
        }
        case WILDCARD: {
          WildcardType w = (WildcardType) t;
          return w.getExtendsBound() != null ? "? extends " + type(w.getExtendsBound())
              : w.getSuperBound() != null ? "? super " + type(w.getSuperBound()) : "?";
        }
        case TYPEVAR:
          return ((TypeVariable) t).asElement().getSimpleName().toString();
        default:
          return typeName(t);
      }
    }

    /** A class of {@code dev.thimble.internal}: imported, unless the face's package or members have one so named. */
    String runtime(String simple) {
      boolean clash = memberTypes.contains(simple) || elements.getTypeElement(
          pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple) != null;
      return clash ? "dev.thimble.internal." + simple : simple;
    }

    /** thimble-coroutines' {@code GeneratedMembers}: imported, unless a type of that name is in scope. */
    String generatedMembers() {
      usesGeneratedMembers = true;
      String simple = "GeneratedMembers";
      boolean clash = memberTypes.contains(simple) || elements.getTypeElement(
          pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple) != null;
      return clash ? "dev.thimble.coroutines.internal." + simple : simple;
    }

    /** {@code String.class}, {@code java.util.List.class}: the erasure of {@code t}, as a class literal. */
    String classLiteral(TypeMirror t) {
      boolean raw = rawtypes;
      String name = type(types.erasure(t)) + ".class";
      rawtypes = raw;
      return name;
    }

    /** What an argument ({@code Object}) is cast to to be passed where {@code to} is wanted; {@code null}: none. */
    String cast(TypeMirror to) {
      if (to.getKind().isPrimitive()) {
        return typeName(to); // (int) args[0]: unboxed, so that javac picks the int overload, as matched
      }
      if (containsVariable(to)) {
        to = types.erasure(to);
      }
      if (to.getKind() == TypeKind.DECLARED
          && ((TypeElement) ((DeclaredType) to).asElement()).getQualifiedName().contentEquals("java.lang.Object")) {
        return null;
      }
      if (!isReifiable(to)) {
        unchecked = true;
      }
      return type(to);
    }

    private boolean isReifiable(TypeMirror t) {
      if (t.getKind() == TypeKind.ARRAY) {
        return isReifiable(((ArrayType) t).getComponentType());
      }
      if (t.getKind() == TypeKind.DECLARED) {
        for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
          if (a.getKind() != TypeKind.WILDCARD || ((WildcardType) a).getExtendsBound() != null
              || ((WildcardType) a).getSuperBound() != null) {
            return false;
          }
        }
        if (((DeclaredType) t).getTypeArguments().isEmpty()
            && !((TypeElement) ((DeclaredType) t).asElement()).getTypeParameters().isEmpty()) {
          unchecked = true; // a raw type passed on where a parameterized one is wanted
        }
      }
      return true;
    }

    private boolean containsVariable(TypeMirror t) {
      switch (t.getKind()) {
        case TYPEVAR:
          return true;
        case ARRAY:
          return containsVariable(((ArrayType) t).getComponentType());
        case DECLARED:
          for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
            if (containsVariable(a)) {
              return true;
            }
          }
          return false;
        case WILDCARD:
          WildcardType w = (WildcardType) t;
          return (w.getExtendsBound() != null && containsVariable(w.getExtendsBound()))
              || (w.getSuperBound() != null && containsVariable(w.getSuperBound()));
        default:
          return false;
      }
    }
  }

  private void write(TypeElement face, TypeElement target, List<Member> members, Source source) {
    String binary = elements.getBinaryName(face).toString();
    String packageName = source.pkg.isUnnamed() ? "" : source.pkg.getQualifiedName().toString();
    String simple = (packageName.isEmpty() ? binary : binary.substring(packageName.length() + 1)).replace('$', '_')
        + SUFFIX;
    String boundMethod = source.runtime("BoundMethod");
    String faceBinder = source.runtime("FaceBinder");
    String generatedFace = source.runtime("GeneratedFace");
    String faceName = source.name(face);
    String targetName = source.name(target);

    // Fields: one per member that calls the target, named after it (name2, name3 for overloads).
    Map<String, Integer> used = new java.util.HashMap<>();
    boolean needsThimble = false;
    for (Member m : members) {
      needsThimble |= m.kind == Kind.DEFERRED || m.kind == Kind.FLOW;
    }
    if (needsThimble) {
      used.put("thimble", 1);
    }
    List<String> fields = new ArrayList<>();
    for (Member m : members) {
      if (m.target == null) {
        fields.add(null);
        continue;
      }
      String name = m.face.getSimpleName().toString();
      int n = used.merge(name, 1, Integer::sum);
      fields.add(n == 1 ? name : name + n);
    }
    boolean anyTarget = false;
    for (String f : fields) {
      anyTarget |= f != null;
    }

    source.unchecked = false;
    source.rawtypes = false;
    StringBuilder ctor = new StringBuilder();
    if (needsThimble) {
      ctor.append("    this.thimble = binder.thimble();\n");
    }
    if (anyTarget) {
      ctor.append("    ").append(source.type(target.asType().getKind() == TypeKind.DECLARED
          && !target.getTypeParameters().isEmpty() ? types.erasure(target.asType()) : target.asType()))
          .append(" target = binder.target(").append(source.classLiteral(target.asType())).append(");\n");
      if (!target.getTypeParameters().isEmpty()) {
        source.unchecked = true; // calls on a raw target
      }
    }
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (m.target == null) {
        continue; // a body of its own
      }
      StringBuilder classes = new StringBuilder();
      StringBuilder call = new StringBuilder("target.").append(m.target.getSimpleName()).append('(');
      List<? extends VariableElement> params = m.target.getParameters();
      for (int p = 0; p < params.size(); p++) {
        String sep = p > 0 ? ", " : "";
        classes.append(sep).append(source.classLiteral(params.get(p).asType()));
        String cast = source.cast(m.targetType.getParameterTypes().get(p));
        call.append(sep).append(cast == null ? "" : "(" + cast + ") ").append("args[").append(p).append(']');
      }
      call.append(')');
      String lambda = m.targetType.getReturnType().getKind() == TypeKind.VOID
          ? "args -> {\n          " + call + ";\n          return null;\n        }" : "args -> " + call;
      ctor.append("    this.").append(fields.get(i)).append(" = binder.bind(\"").append(m.faceName).append("\", \"")
          .append(m.face.getSimpleName()).append("\",\n        new Class<?>[] {").append(classes).append("},\n        ")
          .append(lambda).append(");\n");
    }

    boolean ctorUnchecked = source.unchecked;
    boolean ctorRawtypes = source.rawtypes;
    StringBuilder methods = new StringBuilder();
    for (int i = 0; i < members.size(); i++) {
      methods.append('\n').append(method(members.get(i), fields.get(i) == null ? null : "this." + fields.get(i),
          source));
    }
    source.unchecked = ctorUnchecked;
    source.rawtypes = ctorRawtypes;

    StringBuilder s = new StringBuilder();
    s.append("// Generated by thimble-processor from ").append(face.getQualifiedName()).append(". Do not edit.\n");
    if (!packageName.isEmpty()) {
      s.append("package ").append(packageName).append(";\n");
    }
    StringBuilder imports = new StringBuilder();
    if (source.usesGeneratedMembers && !source.generatedMembers().contains(".")) {
      imports.append("import dev.thimble.coroutines.internal.GeneratedMembers;\n");
    }
    for (String runtime : new String[] {boundMethod, faceBinder, generatedFace}) {
      if (!runtime.contains(".")) {
        imports.append("import dev.thimble.internal.").append(runtime).append(";\n");
      }
    }
    if (imports.length() > 0) {
      s.append('\n').append(imports);
    }
    s.append("\n/**\n * {@link ").append(faceName).append("}\n * over {@link ").append(targetName)
        .append("}:\n * each member calls the target's method directly, with the thimble's policies."
            + " {@code Thimble.proxy}\n * (a Kotlin face: {@code suspending<S>()}) makes it.\n */\n");
    s.append("public final class ").append(simple).append(" extends ").append(generatedFace).append(" implements ")
        .append(faceName).append(" {\n");
    if (needsThimble) {
      s.append("  private final dev.thimble.Thimble<?> thimble;\n");
    }
    for (String f : fields) {
      if (f != null) {
        s.append("  private final ").append(boundMethod).append(' ').append(f).append(";\n");
      }
    }
    s.append("\n  /**\n   * Binds each member to the thimble.\n   *\n   * @param binder the thimble's target and"
        + " policies\n   */\n");
    s.append(suppress(source.unchecked, source.rawtypes)).append("  public ").append(simple)
        .append('(').append(faceBinder).append(" binder) {\n").append("    super(binder);\n");
    s.append(ctor).append("  }\n").append(methods).append("}\n");
    String text = s.toString();
    try (Writer w = processingEnv.getFiler().createSourceFile(
        packageName.isEmpty() ? simple : packageName + "." + simple, face, target).openWriter()) {
      w.write(text);
    } catch (IOException e) {
      messager.printMessage(Diagnostic.Kind.ERROR, "thimble-processor: cannot write " + simple + ": " + e, face);
    }
  }

  private static String suppress(boolean unchecked, boolean rawtypes) {
    if (unchecked && rawtypes) {
      return "  @SuppressWarnings({\"unchecked\", \"rawtypes\"})\n";
    }
    if (unchecked || rawtypes) {
      return "  @SuppressWarnings(\"" + (unchecked ? "unchecked" : "rawtypes") + "\")\n";
    }
    return "";
  }

  private String method(Member m, String field, Source source) {
    ExecutableType t = m.faceType;
    source.rawtypes = false;
    StringBuilder sig = new StringBuilder("  public ");
    List<? extends TypeParameterElement> typeParameters = m.face.getTypeParameters();
    if (!typeParameters.isEmpty()) {
      sig.append('<');
      for (int i = 0; i < typeParameters.size(); i++) {
        TypeParameterElement p = typeParameters.get(i);
        sig.append(i > 0 ? ", " : "").append(p.getSimpleName());
        List<? extends TypeMirror> bounds = p.getBounds();
        if (!(bounds.size() == 1 && bounds.get(0).toString().equals("java.lang.Object"))) {
          for (int b = 0; b < bounds.size(); b++) {
            sig.append(b == 0 ? " extends " : " & ").append(source.type(bounds.get(b)));
          }
        }
      }
      sig.append("> ");
    }
    TypeMirror returnType = t.getReturnType();
    sig.append(source.type(returnType)).append(' ').append(m.face.getSimpleName()).append('(');
    List<? extends VariableElement> params = m.face.getParameters();
    StringBuilder args = new StringBuilder();
    for (int i = 0; i < params.size(); i++) {
      String sep = i > 0 ? ", " : "";
      TypeMirror p = t.getParameterTypes().get(i);
      String type = source.type(p);
      if (m.face.isVarArgs() && i == params.size() - 1) {
        type = source.type(((ArrayType) p).getComponentType()) + "...";
      }
      sig.append(sep).append(type).append(' ').append(params.get(i).getSimpleName());
      args.append(sep).append(params.get(i).getSimpleName());
    }
    sig.append(')');
    List<? extends TypeMirror> thrown = t.getThrownTypes();
    for (int i = 0; i < thrown.size(); i++) {
      sig.append(i == 0 ? " throws " : ", ").append(source.type(thrown.get(i)));
    }
    String argArray = params.isEmpty() ? "null" : "new Object[] {" + args + "}";
    StringBuilder body = new StringBuilder();
    boolean kotlinCall = m.kind == Kind.SUSPEND || m.kind == Kind.DEFERRED || m.kind == Kind.FLOW
        || m.kind == Kind.SUSPEND_BODY;
    String members = kotlinCall ? source.generatedMembers() : null;
    switch (m.kind) {
      case SUSPEND: {
        String continuation = params.get(params.size() - 1).getSimpleName().toString();
        String targetArgs = params.size() == 1 ? "null"
            : "new Object[] {" + args.substring(0, args.lastIndexOf(", ")) + "}";
        body.append("    return ").append(members).append(".suspendCall(").append(field).append(", ")
            .append(targetArgs).append(", ").append(m.returnsUnit).append(",\n        ").append(literal(m.ifNull))
            .append(", ").append(continuation).append(");\n");
        break;
      }
      case DEFERRED:
        body.append("    return ").append(members).append(".deferredCall(this.thimble, ").append(field).append(", ")
            .append(argArray).append(", ").append(m.returnsUnit).append(",\n        ").append(literal(m.ifNull))
            .append(");\n");
        break;
      case FLOW:
        body.append("    return ").append(members).append(".flowCall(this.thimble, ").append(field).append(", ")
            .append(argArray).append(",\n        ").append(literal(m.ifNull)).append(",\n        ")
            .append(literal(m.ifNullElement)).append(");\n");
        break;
      case SUSPEND_BODY: {
        String continuation = params.get(params.size() - 1).getSimpleName().toString();
        body.append("    return ").append(members).append(".suspendBody(").append(continuation).append(", () -> ")
            .append(source.name((TypeElement) m.body.getEnclosingElement())).append('.')
            .append(m.body.getSimpleName()).append("(this").append(params.isEmpty() ? "" : ", ").append(args)
            .append("));\n");
        break;
      }
      case BODY: {
        String invoke = (returnType.getKind() == TypeKind.VOID ? "" : "return ")
            + source.name((TypeElement) m.body.getEnclosingElement()) + "." + m.body.getSimpleName() + "(this"
            + (params.isEmpty() ? "" : ", ") + args + ");";
        List<String> rethrown = rethrown(thrown, source);
        if (rethrown == null || !throwsChecked(m.body.getThrownTypes())) {
          body.append("    ").append(invoke).append('\n');
        } else {
          appendWrapped(body, invoke, rethrown);
        }
        break;
      }
      case ASYNC:
        body.append("    return async(").append(field).append(", ").append(argArray).append(");\n");
        break;
      case ALREADY_ASYNC:
        body.append("    return alreadyAsync(").append(field).append(", ").append(argArray).append(");\n");
        break;
      default:
        String invoke;
        if (returnType.getKind() == TypeKind.VOID) {
          invoke = "call(" + field + ", " + argArray + ");";
        } else if (returnType.getKind().isPrimitive()) {
          invoke = "return " + source.runtime("GeneratedFace") + ".<" + source.type(fit.box(returnType)) + ">call(" + field
              + ", " + argArray + ");";
        } else {
          invoke = "return call(" + field + ", " + argArray + ");";
        }
        List<String> rethrown = rethrown(thrown, source);
        if (rethrown == null) {
          body.append("    ").append(invoke).append('\n'); // the member declares Exception: nothing to wrap
        } else {
          appendWrapped(body, invoke, rethrown);
        }
    }
    // A body in DefaultImpls that Kotlin also compiled as a JVM default method is deprecated there (Kotlin 2.2+).
    boolean deprecated = (m.kind == Kind.BODY || m.kind == Kind.SUSPEND_BODY) && m.body != null
        && elements.isDeprecated(m.body);
    String annotations = !deprecated ? suppress(false, source.rawtypes)
        : source.rawtypes ? "  @SuppressWarnings({\"deprecation\", \"rawtypes\"})\n"
        : "  @SuppressWarnings(\"deprecation\")\n";
    return annotations + "  @Override\n" + sig + " {\n" + body + "  }\n";
  }

  /** {@code invoke} with what it throws rethrown, or wrapped where the member does not declare it, as a proxy does. */
  private static void appendWrapped(StringBuilder body, String invoke, List<String> rethrown) {
    body.append("    try {\n      ").append(invoke).append("\n    } catch (RuntimeException e) {\n"
        + "      throw e;\n");
    for (String r : rethrown) {
      body.append("    } catch (").append(r).append(" e) {\n      throw e;\n");
    }
    body.append("    } catch (Exception e) {\n"
        + "      // A checked exception the face does not declare, as java.lang.reflect.Proxy wraps it.\n"
        + "      throw new java.lang.reflect.UndeclaredThrowableException(e);\n    }\n");
  }

  /** Whether any of {@code thrown} is a checked exception. */
  private boolean throwsChecked(List<? extends TypeMirror> thrown) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    for (TypeMirror t : thrown) {
      if (!types.isSubtype(t, runtime) && !types.isSubtype(t, error)) {
        return true;
      }
    }
    return false;
  }

  /** {@code s} as a Java string literal; {@code null} as {@code null}. */
  private static String literal(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder l = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"':
          l.append("\\\"");
          break;
        case '\\':
          l.append("\\\\");
          break;
        case '\n':
          l.append("\\n");
          break;
        case '\r':
          l.append("\\r");
          break;
        case '\t':
          l.append("\\t");
          break;
        default:
          if (c < 0x20 || (c > 0x7e && c <= 0xff)) {
            l.append(String.format("\\%03o", (int) c)); // octal: a unicode escape of a line break ends the line
          } else if (c > 0xff) {
            l.append(String.format("\\u%04x", (int) c));
          } else {
            l.append(c);
          }
      }
    }
    return l.append('"').toString();
  }

  /**
   * The checked exceptions a pass-through member rethrows as they are (the others are wrapped); {@code null} if it
   * declares {@code Exception} or {@code Throwable}, so that nothing is wrapped.
   */
  private List<String> rethrown(List<? extends TypeMirror> thrown, Source source) {
    TypeMirror exception = elements.getTypeElement("java.lang.Exception").asType();
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    List<TypeMirror> checked = new ArrayList<>();
    for (TypeMirror t : thrown) {
      if (types.isSubtype(exception, t)) {
        return null;
      }
      if (types.isSubtype(t, exception) && !types.isSubtype(t, runtime)) {
        checked.add(t);
      }
    }
    List<String> kept = new ArrayList<>();
    for (TypeMirror t : checked) {
      boolean covered = false;
      for (TypeMirror other : checked) {
        if (other != t && types.isSubtype(t, other) && !(types.isSameType(t, other) && checked.indexOf(other)
            > checked.indexOf(t))) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        kept.add(source.type(t));
      }
    }
    return kept;
  }
}
